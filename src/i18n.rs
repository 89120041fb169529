//! Every user-visible UI string, in both languages, in one place.
//!
//! `Msg::pair` is one exhaustive `match`: a message without both translations does not compile.
//! Lesson text is content and lives in `lessons/`, not here.

use serde::{Deserialize, Serialize};

/// The two languages meshlab speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The folder name and the `--lang` value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// Reads a POSIX locale value such as `id_ID.UTF-8`: Indonesian for `id*`, else English.
    pub fn from_locale(value: &str) -> Lang {
        if value.starts_with("id") {
            Lang::Id
        } else {
            Lang::En
        }
    }
}

/// A piece of content text in both languages (titles, prompts), read from data files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub id: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// A UI message. Placeholders `{0}`, `{1}` … are filled by [`Msg::fill`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    LanguageName,
    HomeTitle,
    HomeLegend,
    HintsHome,
    HintsReader,
    HintsToc,
    HintsSearch,
    TocTitle,
    SearchPrompt,
    SearchNoMatch,
    SearchPosition,
    HelpTitle,
    HelpClose,
    KeyMove,
    KeyScroll,
    KeyPage,
    KeyTopBottom,
    KeyOpen,
    KeySearch,
    KeyNextPrev,
    KeyToc,
    KeyFocus,
    KeyLang,
    KeyHelp,
    KeyBack,
    KeyQuit,
    TooSmall,
    StateKeptAside,
    StateSaveFailed,
    UnknownSection,
    ContentInvalid,
    CliAbout,
    CliLang,
    CliContentDir,
    CliLesson,
    CliLessonList,
    CliLessonShow,
    CliSection,
    CliWidth,
    CliPlain,
    CliSim,
    CliUsage,
    CliCommands,
    CliArguments,
    CliOptions,
    CliHelp,
    CliVersion,
    CliExercise,
    CliExerciseList,
    CliExerciseShow,
    CliExerciseSchema,
    CliGrade,
    CliAnswer,
    CliFormat,
    CliPackDir,
    CliPack,
    CliPackValidate,
    CliKind,
    GradePass,
    GradeFail,
    GradeScore,
    ProbeHeld,
    ProbeBroke,
    Allowed,
    Denied,
    NotEnforceable,
    NotOnPath,
    DeniedAt,
    Why,
    Feedback,
    RetryWorstCase,
    Hints,
    Choices,
    Fixes,
    AnswerWith,
    UnknownExercise,
    PackValid,
    PackInvalid,
    NotEncrypted,
    CliExerciseInspect,
    UnknownCommand,
    SimRunHeader,
    SimFaults,
    SimMetrics,
    SimFlows,
    SimAccessLog,
    SimInventory,
    SimInvariants,
    SimInvariantSummary,
    CliSimRun,
    CliSimTrace,
    CliSimProbe,
    KindEnforcementPoint,
    KindDiagnose,
    KindRetryBudget,
    TabDrills,
    DrillsLegend,
    NoDrills,
    HintsHomeDrills,
    HintsDrill,
    HintsDrillNumber,
    HintsResult,
    HintLabel,
    NoMoreHints,
    RootCause,
    PickCause,
    PickFix,
    LayerName,
    LayerCounts,
    LayerValue,
    LayerTries,
    CountsTries,
    CountsRetries,
    NumberPrompt,
    TypeNumber,
    HintsUsed,
    YourAnswer,
    Probes,
    PathOf,
    LinkEncrypted,
    LinkPlain,
    IdentitySeen,
    DeniedHere,
    DroppedHere,
    ResetHere,
    ClientSees,
    OutcomeHttp,
    OutcomeReset,
    OutcomeRefused,
    OutcomeTimeout,
    CannotGrade,
    LessonMissing,
    KeyTabs,
    KeyAnswer,
    KeyHint,
    KeyDigits,
    KeyRetry,
    KeyLesson,
    KeyProbe,
    KeyDrillScroll,
    CliPackDirGlobal,
    FixLabel,
    HintsResultNumber,
    // Practice progress (practice/, cli/progress.rs).
    StateInvalidAt,
    StateNewer,
    SkillTrafficInterception,
    SkillIdentity,
    SkillEncryption,
    SkillAuthorization,
    SkillRouting,
    SkillObservability,
    SkillFailureIsolation,
    SkillUpgradeModel,
    SkillResourceTax,
    SkillPortability,
    ProgressKeptAside,
    ProgressSaveFailed,
    ProgressKeptInMemory,
    ProgressBadId,
    ProgressBadScore,
    ProgressBadFinish,
    ProgressBadSeconds,
    ProgressBadHints,
    ProgressBadAnswer,
    ProgressLocked,
    ProgressTooLarge,
    ProgressNoDataDir,
    ProgressReadFailed,
    ProgressHours,
    ProgressStreak,
    ProgressDue,
    ProgressAttempts,
    ProgressColSkill,
    ProgressColAttempts,
    ProgressColAccuracy,
    ProgressColTime,
    ProgressExported,
    ProgressImported,
    ProgressImportTooLarge,
    ProgressRemovedNothing,
    ProgressRemoved,
    CliProgress,
    CliJson,
    CliProgressExport,
    CliProgressImport,
    CliProgressReset,
    CliFile,
    CliResetDrill,
    CliResetPack,
    CliResetAll,
    // ADR drills (drill/adr).
    KindAdr,
    AdrRequirements,
    AdrRubric,
    AdrNotes,
    AdrFormula,
    AdrStoppedAt,
    AdrSectionMissing,
    AdrNotMentioned,
    AdrWriteFile,
    AdrRequirementsHeading,
    AdrRubricHeading,
    AdrPoints,
}

impl Msg {
    /// `[Indonesian, English]`.
    fn pair(self) -> [&'static str; 2] {
        match self {
            Msg::LanguageName => ["Bahasa Indonesia", "English"],
            Msg::HomeTitle => ["Pelajaran", "Lessons"],
            Msg::HomeLegend => ["● sudah dibaca  ○ belum", "● read  ○ unread"],
            Msg::HintsHome => [
                "↑↓ pilih · Enter buka · Tab latihan · L bahasa · ? bantuan · q keluar",
                "↑↓ select · Enter open · Tab drills · L language · ? help · q quit",
            ],
            Msg::HintsReader => [
                "j/k gulir · / cari · t isi · Tab fokus · L bahasa · Esc kembali · ? bantuan",
                "j/k scroll · / search · t contents · Tab focus · L language · Esc back · ? help",
            ],
            Msg::HintsToc => [
                "↑↓ pilih · Enter lompat · Tab teks · t tutup · Esc kembali",
                "↑↓ select · Enter jump · Tab text · t close · Esc back",
            ],
            Msg::HintsSearch => ["Enter cari · Esc batal", "Enter search · Esc cancel"],
            Msg::TocTitle => ["Daftar isi", "Contents"],
            Msg::SearchPrompt => ["Cari: ", "Search: "],
            Msg::SearchNoMatch => ["Tidak ditemukan: {0}", "No match: {0}"],
            Msg::SearchPosition => ["“{0}”: {1} dari {2}", "“{0}”: {1} of {2}"],
            Msg::HelpTitle => ["Bantuan", "Help"],
            Msg::HelpClose => ["tekan tombol apa saja", "press any key"],
            Msg::KeyMove => ["pilih baris", "move the selection"],
            Msg::KeyScroll => ["gulir satu baris", "scroll one line"],
            Msg::KeyPage => ["gulir satu halaman", "scroll one page"],
            Msg::KeyTopBottom => ["ke awal / ke akhir", "to the top / to the end"],
            Msg::KeyOpen => ["buka / lompat", "open / jump"],
            Msg::KeySearch => ["cari di pelajaran", "search the lesson"],
            Msg::KeyNextPrev => ["hasil berikutnya / sebelumnya", "next / previous match"],
            Msg::KeyToc => ["tampilkan daftar isi", "show the contents"],
            Msg::KeyFocus => [
                "pindah fokus daftar isi ↔ teks",
                "move focus contents ↔ text",
            ],
            Msg::KeyLang => [
                "ganti bahasa (posisi tetap)",
                "switch language (keeps your place)",
            ],
            Msg::KeyHelp => ["bantuan ini", "this help"],
            Msg::KeyBack => ["kembali", "back"],
            Msg::KeyQuit => ["keluar", "quit"],
            Msg::TooSmall => [
                "Terminal terlalu kecil: perlu {0}×{1}, sekarang {2}×{3}.",
                "Terminal too small: needs {0}×{1}, now {2}×{3}.",
            ],
            Msg::StateKeptAside => [
                "Berkas posisi baca {0} tidak terbaca ({1}); disimpan sebagai {2} dan dimulai dari awal.",
                "The reading-position file {0} could not be read ({1}); it was kept as {2} and meshlab starts afresh.",
            ],
            Msg::StateSaveFailed => [
                "Posisi baca tidak tersimpan: {0}",
                "Reading position not saved: {0}",
            ],
            Msg::UnknownSection => [
                "Bagian tidak dikenal: “{0}”. Bagian yang ada:",
                "Unknown section: “{0}”. Valid sections:",
            ],
            Msg::ContentInvalid => ["konten pelajaran tidak valid", "invalid lesson content"],
            Msg::CliAbout => [
                "Lab belajar arsitektur service mesh di terminal (Part 023: Linkerd, Cilium, mesh sidecarless).",
                "A terminal learning lab for service-mesh architecture (Part 023: Linkerd, Cilium, sidecarless meshes).",
            ],
            Msg::CliLang => [
                "Bahasa: id (Indonesia) atau en (Inggris); bawaan dari berkas konfigurasi, lalu LANG/LC_ALL",
                "Language: id (Indonesian) or en (English); defaults to the config file, then LANG/LC_ALL",
            ],
            Msg::CliContentDir => [
                "Baca pelajaran dari folder ini (untuk penulis), bukan dari isi bawaan",
                "Read lessons from this folder (for authors) instead of the built-in content",
            ],
            Msg::CliLesson => ["Daftar dan tampilkan pelajaran", "List and show lessons"],
            Msg::CliLessonList => ["Daftar bagian pelajaran", "List the lesson's sections"],
            Msg::CliLessonShow => [
                "Cetak satu bagian yang sudah dirender",
                "Print one rendered section",
            ],
            Msg::CliSection => [
                "Nomor bagian (mis. 5), nama berkas (05-linkerd) atau slug (linkerd)",
                "Section number (e.g. 5), file name (05-linkerd) or slug (linkerd)",
            ],
            Msg::CliWidth => [
                "Lebar baris (bawaan: lebar terminal, atau 80)",
                "Line width (default: the terminal's width, or 80)",
            ],
            Msg::CliPlain => [
                "Teks polos tanpa warna, juga di terminal",
                "Plain text without colour, even on a terminal",
            ],
            Msg::CliSim => ["Jalankan simulator mesh", "Run the mesh simulator"],
            Msg::CliUsage => ["Pemakaian", "Usage"],
            Msg::CliCommands => ["Perintah", "Commands"],
            Msg::CliArguments => ["Argumen", "Arguments"],
            Msg::CliOptions => ["Opsi", "Options"],
            Msg::CliHelp => ["Tampilkan bantuan", "Print help"],
            Msg::CliVersion => ["Tampilkan versi", "Print version"],
            Msg::CliExercise => [
                "Daftar, tampilkan dan skema latihan",
                "List and show exercises, and their schema",
            ],
            Msg::CliExerciseList => ["Daftar latihan", "List the exercises"],
            Msg::CliExerciseShow => ["Tampilkan satu latihan", "Show one exercise"],
            Msg::CliExerciseSchema => [
                "Cetak JSON Schema format latihan (untuk editor)",
                "Print the JSON Schema of the exercise format (for editors)",
            ],
            Msg::CliGrade => [
                "Nilai jawaban dengan menjalankannya di simulator",
                "Grade an answer by running it through the simulator",
            ],
            Msg::CliAnswer => [
                "Berkas jawaban (TOML: choice, fix, number)",
                "Answer file (TOML: choice, fix, number)",
            ],
            Msg::CliFormat => ["Format keluaran", "Output format"],
            Msg::CliPackDir => [
                "Folder paket (bawaan: paket Part 023 bawaan)",
                "Pack folder (default: the built-in Part 023 pack)",
            ],
            Msg::CliPack => ["Paket latihan", "Exercise packs"],
            Msg::CliPackValidate => [
                "Periksa paket: skema, rujukan, dan uji mandiri semua jawaban contoh",
                "Check a pack: schema, references, and a self-test of every known answer",
            ],
            Msg::CliKind => ["Hanya latihan jenis ini", "Only exercises of this kind"],
            Msg::GradePass => ["LULUS", "PASS"],
            Msg::GradeFail => ["GAGAL", "FAIL"],
            Msg::GradeScore => ["nilai {0}/100", "grade {0}/100"],
            Msg::ProbeHeld => ["{0} seperti diharapkan", "{0} as expected"],
            Msg::ProbeBroke => ["diharapkan {0}, hasilnya {1}", "expected {0}, got {1}"],
            Msg::Allowed => ["diizinkan", "allowed"],
            Msg::Denied => ["ditolak", "denied"],
            Msg::NotEnforceable => [
                "{0} tidak bisa menegakkan kebijakan ini: tidak melihat {1}",
                "not enforceable at {0}: it cannot see {1}",
            ],
            Msg::NotOnPath => [
                "permintaan ini tidak pernah melewati {0}",
                "this request never passes {0}",
            ],
            Msg::DeniedAt => [
                "ditolak oleh kebijakan di {0} ({1})",
                "denied by the policy at {0} ({1})",
            ],
            Msg::Why => ["Mengapa penting", "Why it matters"],
            Msg::Feedback => ["Umpan balik", "Feedback"],
            Msg::RetryWorstCase => [
                "kasus terburuk: {0} permintaan ke backend",
                "worst case: {0} backend requests",
            ],
            Msg::Hints => ["Petunjuk", "Hints"],
            Msg::Choices => ["Pilihan", "Choices"],
            Msg::Fixes => ["Perbaikan", "Fixes"],
            Msg::AnswerWith => [
                "Jawab dengan: meshlab grade {0} --answer FILE",
                "Answer with: meshlab grade {0} --answer FILE",
            ],
            Msg::UnknownExercise => ["Latihan tidak dikenal: “{0}”", "Unknown exercise: “{0}”"],
            Msg::PackValid => [
                "{0}: {1} latihan, semua jawaban contoh dinilai sesuai deklarasi",
                "{0}: {1} exercises, every known answer grades as declared",
            ],
            Msg::PackInvalid => ["{0}: {1} masalah", "{0}: {1} problems"],
            Msg::SimRunHeader => [
                "Simulasi: seed {0}, {1} permintaan per jalur",
                "Simulation: seed {0}, {1} requests per edge",
            ],
            Msg::SimFaults => ["Gangguan", "Faults"],
            Msg::SimMetrics => ["Golden metrics per jalur", "Golden metrics per edge"],
            Msg::SimFlows => ["Flow (seperti Hubble)", "Flows (Hubble-like)"],
            Msg::SimAccessLog => ["Access log proxy", "Proxy access log"],
            Msg::SimInventory => [
                "Pod (seperti kubectl get pods -A)",
                "Pods (like kubectl get pods -A)",
            ],
            Msg::SimInvariants => ["Invarian", "Invariants"],
            Msg::SimInvariantSummary => [
                "{0} dari {1} invarian terpenuhi",
                "{0} of {1} invariants held",
            ],
            Msg::CliSimRun => [
                "Jalankan lalu lintas skenario: metrik, flow, log, invarian",
                "Run a scenario's traffic: metrics, flows, logs, invariants",
            ],
            Msg::CliSimTrace => [
                "Jejak hop demi hop satu permintaan dalam skenario",
                "Trace one request of a scenario hop by hop",
            ],
            Msg::CliSimProbe => [
                "Apakah permintaan lolos, dan apa yang dilihat klien (manifest Kubernetes asli)",
                "Does a request get through, and what does the client see (real Kubernetes manifests)",
            ],
            Msg::CliExerciseInspect => [
                "Jalankan perintah investigasi (kubectl, hubble, linkerd, istioctl, cilium) pada kluster latihan",
                "Run an investigation command (kubectl, hubble, linkerd, istioctl, cilium) against a drill's cluster",
            ],
            Msg::UnknownCommand => [
                "Perintah tidak dikenal: “{0}”. Yang tersedia:",
                "Unknown command: “{0}”. Available:",
            ],
            Msg::NotEncrypted => [
                "tidak terenkripsi dari ujung ke ujung",
                "not encrypted end to end",
            ],
            Msg::KindEnforcementPoint => ["titik penegakan", "enforcement point"],
            Msg::KindDiagnose => ["diagnosis", "diagnose"],
            Msg::KindRetryBudget => ["anggaran retry", "retry budget"],
            Msg::TabDrills => ["Latihan", "Drills"],
            Msg::DrillsLegend => ["jenis · tingkat · judul", "kind · difficulty · title"],
            Msg::NoDrills => [
                "Paket ini belum berisi latihan.",
                "This pack has no drills yet.",
            ],
            Msg::HintsHomeDrills => [
                "↑↓ pilih · Enter mulai · Tab pelajaran · L bahasa · ? bantuan · q keluar",
                "↑↓ select · Enter start · Tab lessons · L language · ? help · q quit",
            ],
            Msg::HintsDrill => [
                "↑↓ pilih · Enter/s jawab · h petunjuk · o pelajaran · L bahasa · Esc kembali",
                "↑↓ pick · Enter/s answer · h hint · o lesson · L language · Esc back · ? help",
            ],
            Msg::HintsDrillNumber => [
                "0-9 ketik · ⌫ hapus · Enter jawab · h petunjuk · o pelajaran · Esc kembali",
                "0-9 type · ⌫ delete · Enter answer · h hint · o lesson · L language · Esc back",
            ],
            Msg::HintsResult => [
                "↑↓ probe · PgUp/PgDn gulir · r ulangi · o pelajaran · L bahasa · Esc kembali",
                "↑↓ probe · PgUp/PgDn scroll · r retry · o lesson · L language · Esc back",
            ],
            Msg::HintLabel => ["Petunjuk {0}/{1}:", "Hint {0}/{1}:"],
            Msg::NoMoreHints => ["Tidak ada petunjuk lagi.", "No more hints."],
            Msg::RootCause => ["Akar masalah", "Root cause"],
            Msg::PickCause => [
                "Sekarang pilih akar masalahnya.",
                "Now pick the root cause.",
            ],
            Msg::PickFix => ["Sekarang pilih perbaikannya.", "Now pick a fix."],
            Msg::LayerName => ["Lapisan", "Layer"],
            Msg::LayerCounts => ["Menghitung", "Counts"],
            Msg::LayerValue => ["Nilai", "Value"],
            Msg::LayerTries => ["Percobaan", "Tries"],
            Msg::CountsTries => [
                "percobaan (termasuk yang pertama)",
                "tries (the first included)",
            ],
            Msg::CountsRetries => ["retry (percobaan tambahan)", "retries (extra tries)"],
            Msg::NumberPrompt => [
                "Permintaan ke backend paling banyak: ",
                "Backend requests at most: ",
            ],
            Msg::TypeNumber => ["Ketik angkanya dulu.", "Type a number first."],
            Msg::HintsUsed => ["petunjuk dipakai {0}/{1}", "hints used {0}/{1}"],
            Msg::YourAnswer => ["Jawaban Anda", "Your answer"],
            Msg::Probes => ["Probe", "Probes"],
            Msg::PathOf => ["Jalur {0}", "Path of {0}"],
            Msg::LinkEncrypted => ["terenkripsi", "encrypted"],
            Msg::LinkPlain => ["tak terenkripsi", "plain"],
            Msg::IdentitySeen => ["identitas {0}", "identity {0}"],
            Msg::DeniedHere => ["✗ ditolak di sini", "✗ denied here"],
            Msg::DroppedHere => ["✗ dibuang di sini", "✗ dropped here"],
            Msg::ResetHere => ["✗ diputus di sini", "✗ reset here"],
            Msg::ClientSees => ["Klien melihat: {0}", "The client sees: {0}"],
            Msg::OutcomeHttp => ["HTTP {0}", "HTTP {0}"],
            Msg::OutcomeReset => ["koneksi diputus (reset)", "connection reset"],
            Msg::OutcomeRefused => ["koneksi ditolak", "connection refused"],
            Msg::OutcomeTimeout => [
                "habis waktu (paket dibuang diam-diam)",
                "timeout (silently dropped)",
            ],
            Msg::CannotGrade => ["Tidak bisa dinilai: {0}", "Cannot grade: {0}"],
            Msg::LessonMissing => [
                "Pelajaran “{0}” tidak ada di konten ini.",
                "Lesson “{0}” is not in this content.",
            ],
            Msg::KeyTabs => [
                "pelajaran ↔ latihan (di beranda)",
                "lessons ↔ drills (on the home screen)",
            ],
            Msg::KeyAnswer => ["pilih jawaban / kirim", "choose an answer / submit"],
            Msg::KeyHint => ["petunjuk berikutnya", "the next hint"],
            Msg::KeyDigits => ["ketik / hapus angka", "type / delete a digit"],
            Msg::KeyRetry => ["ulangi latihan", "retry the drill"],
            Msg::KeyLesson => ["buka pelajaran latihan ini", "open the drill's lesson"],
            Msg::KeyProbe => [
                "di hasil: pilih probe (jalurnya digambar)",
                "in the result: pick a probe (its path is drawn)",
            ],
            Msg::KeyDrillScroll => ["gulir soal / rincian", "scroll the prompt / details"],
            Msg::HintsResultNumber => [
                "r ulangi · o pelajaran · L bahasa · Esc kembali · ? bantuan",
                "r retry · o lesson · L language · Esc back · ? help",
            ],
            Msg::FixLabel => ["Perbaikan", "Fix"],
            Msg::CliPackDirGlobal => [
                "Ambil latihan dari folder paket ini (TUI, dan bawaan untuk --pack)",
                "Take drills from this pack folder (the TUI, and the default for --pack)",
            ],
            Msg::StateInvalidAt => ["baris {0}, kolom {1}: {2}", "line {0}, column {1}: {2}"],
            Msg::StateNewer => [
                "ditulis oleh meshlab yang lebih baru (format {0}, versi ini membaca {1})",
                "written by a newer meshlab (format {0}, this one reads {1})",
            ],
            Msg::SkillTrafficInterception => ["Intersepsi lalu lintas", "Traffic interception"],
            Msg::SkillIdentity => ["Identitas workload", "Workload identity"],
            Msg::SkillEncryption => ["Enkripsi (mTLS)", "Encryption (mTLS)"],
            Msg::SkillAuthorization => ["Otorisasi", "Authorization"],
            Msg::SkillRouting => ["Routing lalu lintas", "Traffic routing"],
            Msg::SkillObservability => ["Observabilitas", "Observability"],
            Msg::SkillFailureIsolation => ["Isolasi kegagalan", "Failure isolation"],
            Msg::SkillUpgradeModel => ["Model upgrade", "Upgrade model"],
            Msg::SkillResourceTax => ["Biaya sumber daya", "Resource tax"],
            Msg::SkillPortability => ["Portabilitas", "Portability"],
            Msg::ProgressKeptAside => [
                "Berkas progres {0} tidak terbaca ({1}); disimpan sebagai {2}. Latihan baru dicatat di berkas baru; tidak ada yang dihapus.",
                "The progress file {0} could not be read ({1}); it was kept as {2}. New practice goes into a fresh file; nothing was deleted.",
            ],
            Msg::ProgressSaveFailed => [
                "Progres tidak tersimpan ke {0}: {1}.",
                "Progress not saved to {0}: {1}.",
            ],
            Msg::ProgressBadId => [
                "`{0}` bukan id (1 sampai {1} karakter A-Z a-z 0-9 . _ - : /)",
                "`{0}` is not an id (1 to {1} of A-Z a-z 0-9 . _ - : /)",
            ],
            Msg::ProgressBadScore => ["skor {0} melebihi 100", "score {0} is above 100"],
            Msg::ProgressBadFinish => [
                "percobaan {0} selesai sebelum dimulai",
                "attempt {0} finished before it started",
            ],
            Msg::ProgressBadSeconds => [
                "waktu {0} detik melebihi batas {1} detik",
                "seconds {0} is above the limit of {1}",
            ],
            Msg::ProgressBadHints => [
                "hints: paling banyak {0} anak tangga, bernomor 1 sampai {0}",
                "hints: at most {0} rungs, numbered 1 to {0}",
            ],
            Msg::ProgressBadAnswer => [
                "jawaban lebih panjang dari {0} byte",
                "answer is longer than {0} bytes",
            ],
            Msg::ProgressLocked => [
                "meshlab lain memegang kunci {0} lebih dari {1} detik",
                "another meshlab has held the lock {0} for over {1} seconds",
            ],
            Msg::ProgressTooLarge => [
                "berkas lebih besar dari batas {0} MiB",
                "the file is larger than the {0} MiB limit",
            ],
            Msg::ProgressKeptInMemory => [
                "Latihan sesi ini tetap di memori dan disimpan pada percobaan berikutnya.",
                "This session's practice stays in memory and is saved on the next try.",
            ],
            Msg::ProgressNoDataDir => [
                "Tidak ada folder data; atur MESHLAB_DATA_DIR.",
                "No data directory; set MESHLAB_DATA_DIR.",
            ],
            Msg::ProgressReadFailed => ["Tidak bisa membaca {0}: {1}", "Cannot read {0}: {1}"],
            Msg::ProgressHours => [
                "Jam latihan: {0} dari {1} jam ({2}%)",
                "Practice: {0} of {1} hours ({2}%)",
            ],
            Msg::ProgressStreak => [
                "Streak: {0} hari (terpanjang {1})",
                "Streak: {0} days (longest {1})",
            ],
            Msg::ProgressDue => ["Jatuh tempo untuk diulang: {0}", "Due for review: {0}"],
            Msg::ProgressAttempts => ["Percobaan tercatat: {0}", "Attempts recorded: {0}"],
            Msg::ProgressColSkill => ["Keterampilan", "Skill"],
            Msg::ProgressColAttempts => ["Percobaan", "Attempts"],
            Msg::ProgressColAccuracy => ["Akurasi", "Accuracy"],
            Msg::ProgressColTime => ["Waktu", "Time"],
            Msg::ProgressExported => [
                "{0} percobaan diekspor ke {1}",
                "Exported {0} attempts to {1}",
            ],
            Msg::ProgressImported => [
                "Diimpor dari {0}: {1} percobaan baru, {2} sudah ada",
                "Imported from {0}: {1} new attempts, {2} already present",
            ],
            Msg::ProgressImportTooLarge => [
                "{0}: berkas lebih besar dari batas {1} MiB",
                "{0}: file larger than the {1} MiB limit",
            ],
            Msg::ProgressRemovedNothing => [
                "Tidak ada percobaan yang cocok; tidak ada yang dihapus.",
                "No matching attempts; nothing removed.",
            ],
            Msg::ProgressRemoved => [
                "Dihapus {0} percobaan dari {1} latihan:",
                "Removed {0} attempts of {1} drills:",
            ],
            Msg::CliProgress => [
                "Progres latihan: peta keterampilan, jam latihan, streak, ulangan jatuh tempo",
                "Practice progress: skill map, practice hours, streak, reviews due",
            ],
            Msg::CliJson => ["Keluaran JSON", "Print JSON"],
            Msg::CliProgressExport => [
                "Tulis progres ke berkas (TOML)",
                "Write the progress to a file (TOML)",
            ],
            Msg::CliProgressImport => [
                "Gabungkan progres dari berkas hasil ekspor",
                "Merge progress from an exported file",
            ],
            Msg::CliProgressReset => [
                "Hapus progres: satu latihan, satu paket, atau semuanya",
                "Remove progress: one drill, one pack, or all of it",
            ],
            Msg::CliFile => ["Berkas progres (TOML)", "Progress file (TOML)"],
            Msg::CliResetDrill => [
                "Hapus percobaan latihan ini",
                "Remove this drill's attempts",
            ],
            Msg::CliResetPack => [
                "Hapus percobaan semua latihan dari paket ini",
                "Remove the attempts of every drill in this pack",
            ],
            Msg::CliResetAll => [
                "Hapus semua progres latihan",
                "Remove all practice progress",
            ],
            Msg::KindAdr => ["ADR", "ADR"],
            Msg::AdrRequirements => [
                "Persyaratan (disimulasikan, {0}/{1} terpenuhi)",
                "Requirements (simulated, {0}/{1} held)",
            ],
            Msg::AdrRubric => [
                "Rubrik prosa ({0}/{1} poin)",
                "Prose rubric ({0}/{1} points)",
            ],
            Msg::AdrNotes => ["Catatan kompilasi", "Compilation notes"],
            Msg::AdrFormula => [
                "nilai = {0} (persyaratan, dari 70) + {1} (rubrik, dari 30)",
                "grade = {0} (requirements, of 70) + {1} (rubric, of 30)",
            ],
            Msg::AdrStoppedAt => ["berhenti di", "stopped at"],
            Msg::AdrSectionMissing => [
                "bagian tidak ada atau hanya berisi label templat",
                "section missing or holding only the template's labels",
            ],
            Msg::AdrNotMentioned => ["tidak menyebut: {0}", "does not mention: {0}"],
            Msg::AdrRequirementsHeading => [
                "Persyaratan (diperiksa simulator)",
                "Requirements (checked by the simulator)",
            ],
            Msg::AdrRubricHeading => ["Rubrik prosa", "Prose rubric"],
            Msg::AdrPoints => ["{0} poin", "{0} points"],
            Msg::AdrWriteFile => [
                "Tulis ADR dalam berkas Markdown, lalu nilai: meshlab grade {0} --answer ADR.md",
                "Write the ADR in a Markdown file, then grade it: meshlab grade {0} --answer ADR.md",
            ],
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let [id, en] = self.pair();
        match lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// The message with `{0}`, `{1}` … replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let mut out = self.text(lang).to_string();
        for (i, arg) in args.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), arg);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_indonesian_only_for_id() {
        assert_eq!(Lang::from_locale("id_ID.UTF-8"), Lang::Id);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let s = Msg::TooSmall.fill(Lang::En, &["40", "10", "20", "5"]);
        assert_eq!(s, "Terminal too small: needs 40×10, now 20×5.");
        assert!(
            !Msg::TooSmall
                .fill(Lang::Id, &["1", "2", "3", "4"])
                .contains('{')
        );
    }

    #[test]
    fn translations_differ_where_words_do() {
        assert_ne!(Msg::HomeTitle.text(Lang::Id), Msg::HomeTitle.text(Lang::En));
        assert_eq!(Lang::Id.other(), Lang::En);
    }
}
