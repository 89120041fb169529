//! Every user-visible UI string, in both languages, in one place.
//!
//! `Msg::pair` is one exhaustive `match`: a message without both translations does not compile.
//! Lesson text is content and lives in `lessons/`, not here.

pub mod console;
pub mod trace;

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
    RecordedAt,
    NotRecorded,
    WrongBackend,
    WrongShare,
    WrongTries,
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
    SimArgPaths,
    SimArgFrom,
    SimArgTo,
    SimArgPort,
    SimArgProtocol,
    SimArgMethod,
    SimArgPath,
    SimArgHost,
    SimArgHeader,
    SimArgQuery,
    SimArgDelay,
    SimArgCount,
    SimArgMesh,
    SimArgProbes,
    SimArgScenario,
    SimArgRequests,
    SimArgSeed,
    CliExerciseInspect,
    CliInspectCommand,
    UnknownCommand,
    ConsoleHelp,
    ConsoleUnclosed,
    ConsoleNotModelled,
    ConsoleReadOnly,
    ConsoleSupported,
    ConsoleDrillNote,
    ConsoleSaved,
    ConsoleSaveFailed,
    ConsoleNoDataDir,
    ConsoleHistoryAside,
    CliSimShell,
    SimArgShellSources,
    SimShellBanner,
    SimShellProbeUsage,
    SimShellUnknownScenario,
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
    // The investigation console, the progress screen and timed sessions (tui/).
    ConsoleTitle,
    ConsoleIntro,
    ConsoleUnavailable,
    ConsoleCandidates,
    HintsConsole,
    HintsDrillConsole,
    KeyConsole,
    KeyProgress,
    KeySession,
    KeyNextDrill,
    KeyEndSession,
    ProgressTitle,
    ProgressColBar,
    HintsProgress,
    HintsProgressSession,
    SessionLeft,
    SessionTimeUp,
    SessionRunning,
    SessionOver,
    SessionIdle,
    SummaryTitle,
    SummaryDrills,
    SummaryMean,
    SummaryTime,
    SummarySkills,
    SummaryNothing,
    HintsSummary,
    HintsResultSession,
    HintsResultSessionOver,
    // Packs, submissions and class reports (drill/, cli/pack.rs).
    IoFailed,
    ArchiveTooManyFiles,
    ArchivePathTooLong,
    ArchiveFileTooLarge,
    ArchivePackTooLarge,
    ArchiveTooLarge,
    ArchiveNoChecksums,
    ArchiveCorrupt,
    ArchiveLink,
    ArchiveUnsafePath,
    ArchiveSpecial,
    ArchiveDuplicate,
    ArchiveChecksumLine,
    ArchiveMissingFile,
    ArchiveChecksumMismatch,
    ArchiveUnlisted,
    PackNeedsNewer,
    InstallChanged,
    PackNotInstalled,
    SubmissionTooLarge,
    SubmissionInvalid,
    SubmissionFormat,
    SubmissionWrongPack,
    SubmissionChecksum,
    ResultTuiOnly,
    ResultNoAnswer,
    ResultBadAnswer,
    ReportTitle,
    ReportLearners,
    ReportExercises,
    ReportSkills,
    ReportMissed,
    ReportNoneMissed,
    ReportColLearner,
    ReportColScore,
    ReportColPassed,
    ReportColName,
    ReportColMean,
    ReportColAnswer,
    ReportColLearners,
    CliPackNew,
    CliPackBuild,
    CliPackInstall,
    CliPackList,
    CliPackRemove,
    CliPackPath,
    CliPackId,
    CliOutput,
    CliSubmit,
    CliSubmissions,
    CliLearner,
    CliPackRef,
    PackMissingTranslation,
    PackBuilt,
    PackInstalled,
    PackRemoved,
    PackCreated,
    PackDirNotEmpty,
    PackBuiltin,
    PackBroken,
    PackUnknown,
    // Installed packs in the TUI's drill list (tui/view/drill_list.rs).
    DrillsPackAbout,
    DrillsPackBroken,
    HintsHomePacks,
    KeyPack,
    // What makes a pack invalid (drill/pack.rs) and what its self-test finds (drill/validate.rs).
    Verbatim,
    PackFileTooLarge,
    PackManifestMissing,
    PackFormatUnsupported,
    PackBadId,
    PackNoVersion,
    PackBadMinMeshlab,
    ExerciseBadId,
    ExerciseDuplicateId,
    ExerciseDifficulty,
    ExerciseNoSkills,
    ExerciseTooManyHints,
    ExerciseUnsafePath,
    ExerciseMissingFile,
    ExerciseNeedsChoicesProbes,
    ExerciseOneCause,
    ExerciseNeedsFixesProbes,
    ExerciseNeedsLayers,
    ExerciseNeedsRubric,
    ExerciseProbeShare,
    ExerciseSplitPercent,
    ExerciseFixClearsUnknown,
    ExerciseNoChecks,
    CheckUnknownChoice,
    CheckUnknownAdr,
    CheckUnknownFix,
    SelfTestWrongGrade,
    SelfTestProbesBroke,
    SelfTestCannotGrade,
    SelfTestTestsNothing,
    SelectionMissing,
    SelectionNoRequirement,
    SelectionWeight,
    SelectionChecksNothing,
    SelectionTwoMeshes,
    SelectionNotAMesh,
    AdoptionMissing,
    AdoptionTwoPhases,
    AdoptionPhaseTwice,
    AdoptionCheckOrder,
    AdoptionNeedsProbes,
    AuditMissing,
    AuditTwoEach,
    AuditUnknownIdentity,
    AuditUnknownEvidence,
    SubmissionWritten,
    SubmissionsNone,
    SubmissionsTooMany,
    SubmissionsRejected,
    FormatBatchOnly,
    GradeNeedsAnswer,
    OutputWritten,
    GradeNotRecorded,
    CliExerciseId,
    CliPackSchema,
    // Drill kinds: mesh selection, adoption order, audit (drill/selection, adoption, audit).
    KindMeshSelection,
    KindAdoptionOrder,
    KindAudit,
    EvidenceHubble,
    EvidenceEnvoy,
    EvidenceZtunnel,
    EvidenceLinkerd,
    EvidenceNone,
    Requirement,
    Weight,
    Score,
    SelectionPick,
    Phases,
    AdoptionStep,
    AdoptionOutage,
    AdoptionPremature,
    AdoptionSurvived,
    AuditVerdict,
    AuditIdentity,
    AuditEvidence,
    AuditPart,
    AuditDecidedAt,
    NotAnswered,
    PickAuditPart,
    KeyReorder,
    HintsDrillOrder,
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
    AdrSaved,
    AdrUnsaved,
    AdrPreview,
    AdrNoDataDir,
    AdrSaveFailed,
    AdrKeptAside,
    AdrEditorFailed,
    AdrEditorExit,
    HintsAdrDrill,
    HintsAdrEditor,
    KeyAdrGrade,
    KeyAdrSave,
    KeyAdrSection,
    KeyAdrPreview,
    KeyAdrUndo,
    KeyAdrClose,
    KeyAdrExternal,
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
                "Enter buka · Tab latihan · p progres · L bahasa · ? bantuan · q keluar",
                "Enter open · Tab drills · p progress · L language · ? help · q quit",
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
                "Nilai jawaban (ID --answer BERKAS) atau satu kelas (--submissions FOLDER) dengan simulator",
                "Grade an answer (ID --answer FILE) or a class (--submissions DIR) with the simulator",
            ],
            Msg::CliAnswer => [
                "Berkas jawaban (TOML: choice, fix, number)",
                "Answer file (TOML: choice, fix, number)",
            ],
            Msg::CliFormat => ["Format keluaran", "Output format"],
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
            Msg::RecordedAt => ["tercatat di {0}: {1}", "recorded at {0}: {1}"],
            Msg::NotRecorded => [
                "titik yang dipilih tidak meninggalkan catatan apa pun tentang permintaan ini",
                "the chosen point left no record of this request",
            ],
            Msg::WrongBackend => [
                "diharapkan dijawab oleh {0}, yang menjawab {1}",
                "expected {0} to answer, {1} answered",
            ],
            Msg::WrongShare => [
                "{0} menjawab {1} dari permintaan, diharapkan {2} ± {3}",
                "{0} answered {1} of the requests, expected {2} ± {3}",
            ],
            Msg::WrongTries => [
                "diharapkan {0} percobaan ke backend, terjadi {1}",
                "expected {0} backend tries, got {1}",
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
            Msg::CliInspectCommand => [
                "Perintah yang dijalankan, mis. `kubectl get pods -A` (setelah `--`); tanpa perintah: catatan latihan dan daftar perintah",
                "The command to run, e.g. `kubectl get pods -A` (after `--`); without one: the drill's note and the command list",
            ],
            Msg::UnknownCommand => [
                "“{0}” bukan alat yang disimulasikan meshlab. Alat yang ada: kubectl, istioctl, linkerd, cilium, hubble (ketik help).",
                "“{0}” is not a tool meshlab simulates. The tools: kubectl, istioctl, linkerd, cilium, hubble (type help).",
            ],
            Msg::ConsoleHelp => [
                "Perintah yang disimulasikan meshlab (keluarannya berbahasa Inggris, seperti alat aslinya):",
                "The commands meshlab simulates (their output is English, like the real tools'):",
            ],
            Msg::ConsoleUnclosed => [
                "Ada tanda kutip yang belum ditutup.",
                "A quote is left open.",
            ],
            Msg::ConsoleNotModelled => [
                "Model meshlab tidak memuat yang diminta “{0}”, jadi meshlab tidak menebak jawabannya.",
                "meshlab's model does not hold what “{0}” asks for, so meshlab does not guess an answer.",
            ],
            Msg::ConsoleReadOnly => [
                "“{0}” akan mengubah kluster; konsol ini hanya untuk menyelidiki. Perbaikan dipilih sebagai jawaban.",
                "“{0}” would change the cluster; this console only investigates. The fix is chosen as your answer.",
            ],
            Msg::ConsoleSupported => [
                "Didukung meshlab di sini: {0}",
                "meshlab supports here: {0}",
            ],
            Msg::ConsoleDrillNote => ["Catatan latihan:", "Drill note:"],
            Msg::ConsoleSaved => ["Transkrip disimpan di {0}", "Transcript saved to {0}"],
            Msg::ConsoleSaveFailed => [
                "Transkrip tidak bisa disimpan di {0}: {1}",
                "Could not save the transcript to {0}: {1}",
            ],
            Msg::ConsoleNoDataDir => [
                "Tidak ada folder data, jadi transkrip dan riwayat tidak disimpan.",
                "There is no data folder, so the transcript and history are not saved.",
            ],
            Msg::ConsoleHistoryAside => [
                "Riwayat konsol {0} tidak terbaca ({1}); disimpan sebagai {2} dan dimulai dari kosong.",
                "The console history {0} could not be read ({1}); kept as {2}, starting empty.",
            ],
            Msg::CliSimShell => [
                "Konsol investigasi atas skenario atau manifest sendiri: kubectl, istioctl, linkerd, cilium, hubble, dan probe",
                "An investigation console over a scenario or your own manifests: kubectl, istioctl, linkerd, cilium, hubble, and probe",
            ],
            Msg::SimArgShellSources => [
                "Satu skenario (.toml, atau nama bawaan seperti `lab-cilium`), atau berkas/folder manifest (atau `lab`)",
                "One scenario (.toml, or a built-in name like `lab-cilium`), or manifest files/folders (or `lab`)",
            ],
            Msg::SimShellBanner => [
                "Kluster {0} dimuat. Ketik help untuk perintah, `probe --from A --to B` untuk mengirim permintaan, exit untuk keluar.",
                "Cluster {0} loaded. Type help for the commands, `probe --from A --to B` to send a request, exit to leave.",
            ],
            Msg::SimShellProbeUsage => [
                "probe --from KLIEN --to TUJUAN [--port N] [--method M] [--path P] [-H 'Nama: nilai']: permintaan itu lalu terlihat oleh hubble, log, dan linkerd viz",
                "probe --from CLIENT --to TARGET [--port N] [--method M] [--path P] [-H 'Name: value']: the request then shows in hubble, logs and linkerd viz",
            ],
            Msg::SimShellUnknownScenario => [
                "{0}: bukan skenario (.toml) maupun manifest yang bisa dibaca: {1}",
                "{0}: neither a scenario (.toml) nor readable manifests: {1}",
            ],
            Msg::SimArgPaths => [
                "Berkas atau folder manifest Kubernetes YAML multi-dokumen (`-` = stdin), atau nama manifest bawaan (mis. `lab`)",
                "Manifest files or directories of multi-document Kubernetes YAML (`-` = stdin), or a built-in manifest name (e.g. `lab`)",
            ],
            Msg::SimArgFrom => [
                "Klien: NS/POD, deploy:NS/NAME, node:NAME atau alamat IP",
                "Client: NS/POD, deploy:NS/NAME, node:NAME or an IP address",
            ],
            Msg::SimArgTo => [
                "Tujuan: NS/POD, deploy:NS/NAME, svc:NS/NAME, gw:NS/NAME, node:NAME, IP atau nama DNS",
                "Destination: NS/POD, deploy:NS/NAME, svc:NS/NAME, gw:NS/NAME, node:NAME, an IP or a DNS name",
            ],
            Msg::SimArgPort => [
                "Port tujuan (port Service untuk Service, port container untuk pod)",
                "Destination port (a Service port for Services, the container port for pods)",
            ],
            Msg::SimArgProtocol => ["TCP, UDP atau SCTP", "TCP, UDP or SCTP"],
            Msg::SimArgMethod => [
                "Metode HTTP (probe menjadi permintaan HTTP; bawaan GET)",
                "HTTP method (the probe becomes an HTTP request; default GET)",
            ],
            Msg::SimArgPath => [
                "Path HTTP, boleh dengan `?query`",
                "HTTP path, optionally with `?query`",
            ],
            Msg::SimArgHost => [
                "Header Host HTTP (hostname listener Gateway dan route)",
                "HTTP Host header (Gateway listener and route hostnames)",
            ],
            Msg::SimArgHeader => [
                "Header permintaan, `Nama: nilai` (boleh berulang)",
                "Request header, `Name: value` (repeatable)",
            ],
            Msg::SimArgQuery => [
                "Parameter query, `k=v` (boleh berulang)",
                "Query parameter, `k=v` (repeatable)",
            ],
            Msg::SimArgDelay => [
                "Berapa lama aplikasi tujuan menjawab, dalam ms",
                "How long the destination application takes to answer, in ms",
            ],
            Msg::SimArgCount => [
                "Kirim N permintaan identik (pembagian berbobot)",
                "Send N identical requests (weighted splits)",
            ],
            Msg::SimArgMesh => [
                "Profil mesh untuk namespace yang labelnya tidak menyebut apa pun: none, linkerd, cilium, istio-sidecar, istio-ambient",
                "Mesh profile for namespaces whose labels say nothing else: none, linkerd, cilium, istio-sidecar, istio-ambient",
            ],
            Msg::SimArgProbes => [
                "Daftar probe YAML (kunci: from, to, port, protocol, method, path, host, headers, query, delay_ms, count) sebagai ganti --from/--to",
                "YAML list of probes (keys: from, to, port, protocol, method, path, host, headers, query, delay_ms, count) instead of --from/--to",
            ],
            Msg::SimArgScenario => [
                "Berkas skenario (TOML), atau nama skenario bawaan (mis. `lab-linkerd`)",
                "Scenario file (TOML), or a built-in scenario name (e.g. `lab-linkerd`)",
            ],
            Msg::SimArgRequests => [
                "Permintaan per jalur lalu lintas",
                "Requests per traffic edge",
            ],
            Msg::SimArgSeed => [
                "Seed (bawaan: yang ada di skenario)",
                "Seed (default: the scenario's)",
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
                "Enter mulai · Tab pelajaran · p progres · L bahasa · ? bantuan · q keluar",
                "Enter start · Tab lessons · p progress · L language · ? help · q quit",
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
                "Ambil latihan dari folder paket ini, arsip, atau id paket terpasang (TUI, dan bawaan untuk --pack)",
                "Take drills from this pack folder, archive or installed pack id (the TUI, and the default for --pack)",
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
            Msg::ConsoleTitle => ["Konsol investigasi", "Investigation console"],
            Msg::ConsoleIntro => [
                "Jalankan perintah pada kluster latihan ini, sebelum diperbaiki. Tab melengkapi perintah, flag, dan nama; help menampilkan daftarnya; coba: kubectl get pods -A",
                "Run commands against this drill's cluster, before any fix. Tab completes commands, flags and names; help lists them; try: kubectl get pods -A",
            ],
            Msg::ConsoleUnavailable => [
                "Kluster latihan ini tidak bisa dimuat: {0}",
                "This drill's cluster could not be loaded: {0}",
            ],
            Msg::ConsoleCandidates => ["Tab:", "Tab:"],
            Msg::HintsConsole => [
                "Enter jalankan · Tab lengkapi · ↑↓ riwayat · PgUp/Dn ←→ gulir · ^S simpan · Esc",
                "Enter run · Tab complete · ↑↓ history · PgUp/Dn ←→ scroll · ^S save · Esc back",
            ],
            Msg::HintsDrillConsole => [
                "↑↓ pilih · Enter/s jawab · i konsol · h petunjuk · o pelajaran · Esc kembali",
                "↑↓ pick · Enter/s answer · i console · h hint · o lesson · Esc back · ? help",
            ],
            Msg::KeyConsole => [
                "konsol investigasi (diagnosis, audit): Tab lengkapi, ↑↓ riwayat, ←→ gulir ke samping, Ctrl+S simpan transkrip, Ctrl+L bahasa, Esc tutup",
                "investigation console (diagnose, audit): Tab completes, ↑↓ history, ←→ scroll sideways, Ctrl+S saves the transcript, Ctrl+L language, Esc closes",
            ],
            Msg::KeyProgress => ["progres dan sesi latihan", "progress and practice sessions"],
            Msg::KeySession => [
                "mulai sesi 25 menit (atau lanjutkan)",
                "start a 25-minute session (or go on)",
            ],
            Msg::KeyNextDrill => [
                "dalam sesi: latihan berikutnya",
                "in a session: the next drill",
            ],
            Msg::KeyEndSession => [
                "akhiri sesi dan lihat ringkasannya",
                "end the session and see its summary",
            ],
            Msg::ProgressTitle => ["Progres", "Progress"],
            Msg::ProgressColBar => ["Akurasi", "Accuracy"],
            Msg::HintsProgress => [
                "s sesi 25 menit · L bahasa · ? bantuan · Esc kembali · q keluar",
                "s 25-minute session · L language · ? help · Esc back · q quit",
            ],
            Msg::HintsProgressSession => [
                "n latihan berikutnya · e akhiri sesi · L bahasa · ? bantuan · Esc kembali",
                "n next drill · e end the session · L language · ? help · Esc back",
            ],
            Msg::SessionLeft => ["sesi: sisa {0}", "session: {0} left"],
            Msg::SessionTimeUp => ["sesi: waktu habis", "session: time is up"],
            Msg::SessionRunning => [
                "Sesi berjalan, sisa {0}: n untuk latihan berikutnya, e untuk mengakhiri.",
                "A session is running, {0} left: n for the next drill, e to end it.",
            ],
            Msg::SessionOver => [
                "Waktu sesi habis: n atau e untuk ringkasannya.",
                "The session's time is up: n or e for its summary.",
            ],
            Msg::SessionIdle => [
                "Sesi latihan: 25 menit, latihan dipilih otomatis (ulangan jatuh tempo dulu, lalu keterampilan terlemah). Tekan s untuk mulai.",
                "Practice session: 25 minutes, drills picked for you (reviews due first, then your weakest skills). Press s to start.",
            ],
            Msg::SummaryTitle => ["Ringkasan sesi", "Session summary"],
            Msg::SummaryDrills => [
                "Latihan dinilai: {0} · lulus {1}",
                "Drills graded: {0} · passed {1}",
            ],
            Msg::SummaryMean => ["Rata-rata nilai: {0}/100", "Mean score: {0}/100"],
            Msg::SummaryTime => [
                "Waktu mengerjakan: {0} · lama sesi: {1}",
                "Time on task: {0} · session length: {1}",
            ],
            Msg::SummarySkills => ["Keterampilan yang dilatih", "Skills practised"],
            Msg::SummaryNothing => [
                "Tidak ada latihan yang dinilai di sesi ini.",
                "No drill was graded in this session.",
            ],
            Msg::HintsSummary => [
                "Enter/Esc ke progres · s sesi baru · L bahasa · ? bantuan · q keluar",
                "Enter/Esc to progress · s new session · L language · ? help · q quit",
            ],
            Msg::HintsResultSession => [
                "n berikutnya · ↑↓ probe · PgUp/PgDn gulir · r ulangi · o pelajaran · Esc sesi",
                "n next drill · ↑↓ probe · PgUp/PgDn scroll · r retry · o lesson · Esc session",
            ],
            Msg::HintsResultSessionOver => [
                "waktu habis: n ringkasan · ↑↓ probe · r ulangi · o pelajaran · Esc sesi",
                "time is up: n summary · ↑↓ probe · r retry · o lesson · Esc session",
            ],
            Msg::IoFailed => ["gagal: {0}", "failed: {0}"],
            Msg::ArchiveTooManyFiles => [
                "lebih dari {0} berkas dalam paket",
                "more than {0} files in the pack",
            ],
            Msg::ArchivePathTooLong => [
                "path `{0}` lebih panjang dari {1} byte",
                "path `{0}` is longer than {1} bytes",
            ],
            Msg::ArchiveFileTooLarge => [
                "entri `{0}` melebihi batas per berkas {1} byte",
                "entry `{0}` is over the per-file limit of {1} bytes",
            ],
            Msg::ArchivePackTooLarge => [
                "isi paket melebihi {0} byte setelah dibuka",
                "the pack holds more than {0} bytes unpacked",
            ],
            Msg::ArchiveTooLarge => [
                "arsip lebih besar dari batas {0} MiB",
                "the archive is larger than the {0} MiB limit",
            ],
            Msg::ArchiveNoChecksums => [
                "tidak ada manifest {0}: buat arsip dengan `meshlab pack build`",
                "no {0} manifest: build archives with `meshlab pack build`",
            ],
            Msg::ArchiveCorrupt => [
                "bukan arsip paket (.tar.gz) yang terbaca: {0}",
                "not a readable pack archive (.tar.gz): {0}",
            ],
            Msg::ArchiveLink => [
                "entri `{0}` adalah tautan; paket hanya berisi berkas biasa",
                "entry `{0}` is a link; packs hold regular files only",
            ],
            Msg::ArchiveUnsafePath => [
                "entri `{0}`: path harus relatif dan tetap di dalam paket",
                "entry `{0}`: paths must be relative and stay inside the pack",
            ],
            Msg::ArchiveSpecial => [
                "entri `{0}` adalah perangkat, FIFO, atau berkas khusus lain; paket hanya berisi berkas biasa",
                "entry `{0}` is a device, FIFO or other special file; packs hold regular files only",
            ],
            Msg::ArchiveDuplicate => ["entri `{0}` muncul dua kali", "entry `{0}` appears twice"],
            Msg::ArchiveChecksumLine => [
                "baris checksum harus berbentuk `<sha256>  <path>`",
                "a checksum line must read `<sha256>  <path>`",
            ],
            Msg::ArchiveMissingFile => [
                "`{0}` tercantum di manifest checksum tetapi tidak ada",
                "`{0}` is listed in the checksum manifest but missing",
            ],
            Msg::ArchiveChecksumMismatch => [
                "`{0}` tidak cocok dengan checksum-nya (berkas diubah atau rusak)",
                "`{0}` does not match its checksum (the file was changed or damaged)",
            ],
            Msg::ArchiveUnlisted => ["`{0}` tidak tercantum di {1}", "`{0}` is not listed in {1}"],
            Msg::PackNeedsNewer => [
                "paket ini butuh meshlab {0} atau lebih baru; ini meshlab {1}. Perbarui meshlab.",
                "this pack needs meshlab {0} or newer; this is meshlab {1}. Update meshlab.",
            ],
            Msg::InstallChanged => [
                "berkas yang ditulis berbeda dari yang dibaca; pemasangan dibatalkan",
                "the files written differ from those read; install cancelled",
            ],
            Msg::PackNotInstalled => ["tidak ada paket terpasang `{0}`", "no installed pack `{0}`"],
            Msg::SubmissionTooLarge => [
                "kiriman lebih besar dari batas {0} MiB",
                "the submission is larger than the {0} MiB limit",
            ],
            Msg::SubmissionInvalid => [
                "bukan kiriman meshlab: {0}",
                "not a meshlab submission: {0}",
            ],
            Msg::SubmissionFormat => [
                "format kiriman {0} tidak didukung (meshlab ini membaca {1})",
                "submission format {0} is not supported (this meshlab reads {1})",
            ],
            Msg::SubmissionWrongPack => [
                "kiriman ini untuk paket `{0}`, bukan `{1}`",
                "this submission is for pack `{0}`, not `{1}`",
            ],
            Msg::SubmissionChecksum => [
                "kiriman dibuat untuk paket dengan checksum {0}, tetapi checksum paket ini {1} (versi lain atau paket yang diubah)",
                "the submission was made against pack checksum {0}, but this pack's checksum is {1} (another version, or an edited pack)",
            ],
            Msg::ResultTuiOnly => [
                "dicoba di TUI (skor tercatat terbaik {0}); percobaan TUI tidak menyimpan jawaban untuk dinilai ulang",
                "attempted in the TUI (best recorded score {0}); TUI attempts keep no answer to regrade",
            ],
            Msg::ResultNoAnswer => ["tidak ada jawaban", "no answer submitted"],
            Msg::ResultBadAnswer => [
                "jawaban tidak terbaca: {0}",
                "the answer does not parse: {0}",
            ],
            Msg::ReportTitle => ["Laporan kelas: {0} {1}", "Class report: {0} {1}"],
            Msg::ReportLearners => ["Peserta", "Learners"],
            Msg::ReportExercises => ["Latihan", "Exercises"],
            Msg::ReportSkills => ["Keterampilan", "Skills"],
            Msg::ReportMissed => ["Jawaban salah yang paling sering", "Most-missed answers"],
            Msg::ReportNoneMissed => ["Tidak ada jawaban salah.", "No wrong answers."],
            Msg::ReportColLearner => ["Peserta", "Learner"],
            Msg::ReportColScore => ["Skor", "Score"],
            Msg::ReportColPassed => ["Lulus", "Passed"],
            Msg::ReportColName => ["Nama", "Name"],
            Msg::ReportColMean => ["Rata-rata", "Mean grade"],
            Msg::ReportColAnswer => ["Jawaban", "Answer"],
            Msg::ReportColLearners => ["Peserta", "Learners"],
            Msg::CliPackNew => [
                "Buat kerangka paket (berkomentar, langsung lolos validasi)",
                "Create a pack scaffold (commented; validates as is)",
            ],
            Msg::CliPackBuild => [
                "Buat satu arsip .tar.gz dengan checksum SHA-256",
                "Build one .tar.gz archive with SHA-256 checksums",
            ],
            Msg::CliPackInstall => [
                "Pasang paket dari folder atau arsip",
                "Install a pack from a folder or an archive",
            ],
            Msg::CliPackList => [
                "Daftar paket: bawaan dan terpasang",
                "List packs: built-in and installed",
            ],
            Msg::CliPackRemove => ["Hapus paket terpasang", "Remove an installed pack"],
            Msg::CliPackPath => [
                "Folder paket atau arsip paket",
                "A pack folder or pack archive",
            ],
            Msg::CliPackId => ["Id paket terpasang", "An installed pack's id"],
            Msg::CliOutput => ["Berkas keluaran", "Output file"],
            Msg::CliSubmit => [
                "Kemas jawaban dan log percobaan untuk instruktur",
                "Bundle your answers and attempt log for the instructor",
            ],
            Msg::CliSubmissions => [
                "Folder berisi kiriman peserta (*.json): nilai satu kelas",
                "Folder of learner submissions (*.json): grade a class",
            ],
            Msg::CliLearner => [
                "Nama peserta dalam kiriman",
                "The learner's name in the submission",
            ],
            Msg::CliPackRef => [
                "Paket: folder, arsip, atau id paket terpasang",
                "Pack: a folder, an archive, or an installed pack's id",
            ],
            Msg::PackMissingTranslation => [
                "peringatan: terjemahan `{0}` kosong di {1}",
                "warning: missing `{0}` translation in {1}",
            ],
            Msg::PackBuilt => [
                "Arsip {0} dibuat: {1} berkas, checksum {2}",
                "Built {0}: {1} files, checksum {2}",
            ],
            Msg::PackInstalled => [
                "Paket {0} {1} terpasang di {2}: latihannya ada di tab Latihan meshlab (hanya paket ini: meshlab --pack-dir {0})",
                "Installed {0} {1} in {2}: its drills are in meshlab's Drills tab (this pack alone: meshlab --pack-dir {0})",
            ],
            Msg::PackRemoved => ["Paket {0} dihapus", "Removed pack {0}"],
            Msg::PackCreated => [
                "Paket baru di {0}. Berikutnya: meshlab pack validate {0}",
                "Created a pack in {0}. Next: meshlab pack validate {0}",
            ],
            Msg::PackDirNotEmpty => [
                "{0} sudah ada dan tidak kosong; pilih folder baru",
                "{0} exists and is not empty; choose a new folder",
            ],
            Msg::PackBuiltin => ["bawaan", "built-in"],
            Msg::PackBroken => ["rusak", "broken"],
            Msg::PackUnknown => [
                "`{0}` bukan folder paket, arsip paket, atau id paket terpasang",
                "`{0}` is neither a pack folder, a pack archive, nor an installed pack's id",
            ],
            Msg::DrillsPackAbout => ["{0} {1} · {2} latihan", "{0} {1} · {2} drills"],
            Msg::HintsHomePacks => [
                "Enter mulai · [ ] paket · Tab pelajaran · p progres · ? bantuan · q keluar",
                "Enter start · [ ] pack · Tab lessons · p progress · ? help · q quit",
            ],
            Msg::KeyPack => [
                "paket berikutnya / sebelumnya (daftar latihan)",
                "next / previous pack (drill list)",
            ],
            Msg::DrillsPackBroken => [
                "tidak bisa dimuat ({1} masalah) · periksa: meshlab pack validate {0}",
                "does not load ({1} problems) · check: meshlab pack validate {0}",
            ],
            // The words of a tool meshlab uses (the TOML parser), which speaks English only.
            Msg::Verbatim => ["{0}", "{0}"],
            Msg::PackFileTooLarge => [
                "berkas berukuran {0} byte, melebihi batas {1}",
                "file is {0} bytes, over the limit of {1}",
            ],
            Msg::PackManifestMissing => [
                "tidak ada: paket memerlukan pack.toml",
                "missing: a pack needs a pack.toml",
            ],
            Msg::PackFormatUnsupported => [
                "format paket {0} tidak didukung (meshlab ini membaca format {1})",
                "pack format {0} is not supported (this meshlab reads format {1})",
            ],
            Msg::PackBadId => [
                "id paket `{0}`: pakai 1 sampai 64 huruf kecil, angka, dan `-`",
                "pack id `{0}`: use 1 to 64 lowercase letters, digits and `-`",
            ],
            Msg::PackNoVersion => [
                "beri paket sebuah versi, misalnya 0.1.0",
                "give the pack a version, e.g. 0.1.0",
            ],
            Msg::PackBadMinMeshlab => [
                "min_meshlab `{0}` bukan versi seperti 0.1.0",
                "min_meshlab `{0}` is not a version like 0.1.0",
            ],
            Msg::ExerciseBadId => [
                "id `{0}`: pakai huruf kecil, angka, dan `-`",
                "id `{0}`: use lowercase letters, digits and `-`",
            ],
            Msg::ExerciseDuplicateId => [
                "id `{0}` sudah dipakai latihan lain",
                "id `{0}` is used by another exercise",
            ],
            Msg::ExerciseDifficulty => ["difficulty harus 1 sampai 5", "difficulty must be 1 to 5"],
            Msg::ExerciseNoSkills => ["sebutkan setidaknya satu skill", "name at least one skill"],
            Msg::ExerciseTooManyHints => [
                "paling banyak tiga petunjuk: dorongan, konsep, hampir-jawaban",
                "at most three hints: nudge, concept, near-answer",
            ],
            Msg::ExerciseUnsafePath => [
                "`{0}`: path harus relatif dan tetap di dalam paket",
                "`{0}`: paths must be relative and stay inside the pack",
            ],
            Msg::ExerciseMissingFile => [
                "`{0}`: berkas ini tidak ada di paket",
                "`{0}`: no such file in the pack",
            ],
            Msg::ExerciseNeedsChoicesProbes => [
                "latihan enforcement-point memerlukan choices dan probes",
                "an enforcement-point drill needs choices and probes",
            ],
            Msg::ExerciseOneCause => [
                "latihan diagnose menandai tepat satu choice `cause = true`",
                "a diagnose drill marks exactly one choice `cause = true`",
            ],
            Msg::ExerciseNeedsFixesProbes => [
                "latihan diagnose memerlukan fixes dan probes",
                "a diagnose drill needs fixes and probes",
            ],
            Msg::ExerciseNeedsLayers => [
                "latihan retry-budget memerlukan layers",
                "a retry-budget drill needs layers",
            ],
            Msg::ExerciseProbeShare => [
                "probe `{0}`: `share` adalah pecahan 0 sampai 1 dari yang dijawab `backend`",
                "probe `{0}`: `share` is a fraction from 0 to 1 of what `backend` answers",
            ],
            Msg::ExerciseSplitPercent => [
                "`percent` pada split bernilai 0 sampai 100",
                "the split's `percent` is 0 to 100",
            ],
            Msg::ExerciseNeedsRubric => [
                "latihan adr memerlukan requirements dan rubric",
                "an adr drill needs requirements and a rubric",
            ],
            Msg::ExerciseFixClearsUnknown => [
                "fix `{0}` menghapus `{1}`, gangguan yang tidak dimiliki latihan ini",
                "fix `{0}` clears `{1}`, a fault this exercise does not have",
            ],
            Msg::ExerciseNoChecks => [
                "beri setidaknya satu jawaban acuan dan satu jawaban yang diketahui salah",
                "give at least a reference answer and a known-wrong answer",
            ],
            Msg::CheckUnknownChoice => [
                "check menyebut choice `{0}`, yang tidak ada",
                "check names choice `{0}`, which does not exist",
            ],
            Msg::CheckUnknownAdr => [
                "check menyebut ADR `{0}`, yang bukan berkas paket",
                "check names ADR `{0}`, which is not a file of the pack",
            ],
            Msg::CheckUnknownFix => [
                "check menyebut fix `{0}`, yang tidak ada",
                "check names fix `{0}`, which does not exist",
            ],
            Msg::SelfTestWrongGrade => [
                "jawaban {0} seharusnya bernilai {1} tetapi bernilai {2}",
                "answer {0} should grade {1} but grades {2}",
            ],
            Msg::SelfTestProbesBroke => [
                "jawaban {0} seharusnya bernilai {1} tetapi bernilai {2} (probe yang gagal: {3})",
                "answer {0} should grade {1} but grades {2} (probes that broke: {3})",
            ],
            Msg::SelfTestCannotGrade => ["jawaban {0}: {1}", "answer {0}: {1}"],
            Msg::SelectionMissing => [
                "latihan mesh-selection memerlukan [selection]",
                "a mesh-selection drill needs [selection]",
            ],
            Msg::SelectionNoRequirement => [
                "sebutkan setidaknya satu requirement",
                "name at least one requirement",
            ],
            Msg::SelectionWeight => [
                "requirement `{0}`: weight harus 1 sampai 5",
                "requirement `{0}`: weight must be 1 to 5",
            ],
            Msg::SelectionChecksNothing => [
                "requirement `{0}` tidak memeriksa apa pun di simulator",
                "requirement `{0}` checks nothing in the simulator",
            ],
            Msg::SelectionTwoMeshes => {
                ["tawarkan setidaknya dua mesh", "offer at least two meshes"]
            }
            Msg::SelectionNotAMesh => [
                "choice `{0}` bukan profil mesh ({1})",
                "choice `{0}` is not a mesh profile ({1})",
            ],
            Msg::AdoptionMissing => [
                "latihan adoption-order memerlukan [adoption]",
                "an adoption-order drill needs [adoption]",
            ],
            Msg::AdoptionTwoPhases => [
                "beri setidaknya dua fase untuk diurutkan",
                "give at least two phases to order",
            ],
            Msg::AdoptionPhaseTwice => ["fase `{0}` muncul dua kali", "phase `{0}` appears twice"],
            Msg::AdoptionCheckOrder => [
                "`order` setiap check menyebut setiap fase tepat satu kali",
                "every check's `order` names each phase exactly once",
            ],
            Msg::AdoptionNeedsProbes => [
                "latihan adoption-order memerlukan probes: traffic yang harus tetap berjalan",
                "an adoption-order drill needs probes: the traffic that must keep working",
            ],
            Msg::AuditMissing => [
                "latihan audit memerlukan [audit]",
                "an audit drill needs [audit]",
            ],
            Msg::AuditTwoEach => [
                "tawarkan setidaknya dua identitas dan dua sumber bukti",
                "offer at least two identities and two evidence sources",
            ],
            Msg::AuditUnknownIdentity => [
                "sebuah check menyebut identitas yang tidak ditawarkan",
                "a check names an identity that is not offered",
            ],
            Msg::AuditUnknownEvidence => [
                "sebuah check menyebut bukti yang tidak ditawarkan",
                "a check names evidence that is not offered",
            ],
            Msg::SelfTestTestsNothing => [
                "setiap probe sudah lolos tanpa jawaban apa pun: latihan ini tidak menguji apa-apa",
                "every probe already holds with no answer applied: the exercise tests nothing",
            ],
            Msg::SubmissionWritten => [
                "{0} ditulis: {1} jawaban, {2} percobaan",
                "Wrote {0}: {1} answers, {2} attempts",
            ],
            Msg::SubmissionsNone => ["tidak ada kiriman (*.json)", "no submissions (*.json)"],
            Msg::SubmissionsTooMany => ["lebih dari {0} kiriman", "more than {0} submissions"],
            Msg::SubmissionsRejected => ["{0} kiriman ditolak", "{0} submissions rejected"],
            Msg::FormatBatchOnly => [
                "--format {0} hanya untuk menilai kelas (--submissions)",
                "--format {0} is for grading a class (--submissions)",
            ],
            Msg::GradeNeedsAnswer => [
                "beri id latihan dan --answer BERKAS, atau --submissions FOLDER",
                "give an exercise id and --answer FILE, or --submissions DIR",
            ],
            Msg::OutputWritten => ["{0} ditulis", "Wrote {0}"],
            Msg::CliExerciseId => ["Id latihan", "Exercise id"],
            Msg::CliPackSchema => [
                "Cetak JSON Schema untuk pack.toml (validasi di editor)",
                "Print the JSON Schema of pack.toml (for editor validation)",
            ],
            Msg::GradeNotRecorded => ["Percobaan tidak dicatat: {0}", "Attempt not recorded: {0}"],
            Msg::KindMeshSelection => ["pemilihan mesh", "mesh selection"],
            Msg::KindAdoptionOrder => ["urutan adopsi", "adoption order"],
            Msg::KindAudit => ["audit", "audit"],
            Msg::EvidenceHubble => ["flow Hubble", "Hubble flow"],
            Msg::EvidenceEnvoy => [
                "access log Envoy dengan policy RBAC yang cocok",
                "Envoy access log with RBAC matched policy",
            ],
            Msg::EvidenceZtunnel => ["log koneksi ztunnel", "ztunnel connection log"],
            Msg::EvidenceLinkerd => ["metrik authz Linkerd", "Linkerd authz metrics"],
            Msg::EvidenceNone => ["tidak ada bukti", "no evidence"],
            Msg::Requirement => ["kebutuhan", "requirement"],
            Msg::Weight => ["bobot", "weight"],
            Msg::Score => ["skor", "score"],
            Msg::SelectionPick => [
                "pilihanmu {0}: {1} poin; skor tertinggi {2} ({3})",
                "your pick {0}: {1} points; top score {2} ({3})",
            ],
            Msg::Phases => ["Fase", "Phases"],
            Msg::AdoptionStep => ["langkah {0}: {1}", "step {0}: {1}"],
            Msg::AdoptionOutage => ["gangguan: {0}", "outage: {0}"],
            Msg::AdoptionPremature => [
                "dimulai sebelum prasyaratnya terbukti: {0}",
                "started before its prerequisites were proven: {0}",
            ],
            Msg::AdoptionSurvived => [
                "{0} dari {1} langkah tanpa gangguan",
                "{0} of {1} steps without an outage",
            ],
            Msg::AuditVerdict => ["putusan", "verdict"],
            Msg::AuditIdentity => ["identitas", "identity"],
            Msg::AuditEvidence => ["bukti", "evidence"],
            Msg::AuditPart => [
                "{0}: jawabanmu {1}; simulator menemukan {2}",
                "{0}: you answered {1}; the simulator found {2}",
            ],
            Msg::AuditDecidedAt => ["diputuskan di {0}", "decided at {0}"],
            Msg::NotAnswered => ["(tidak dijawab)", "(not answered)"],
            Msg::PickAuditPart => [
                "Pilih putusan, identitas, dan sumber bukti.",
                "Pick a verdict, an identity and an evidence source.",
            ],
            Msg::KeyReorder => [
                "pindahkan fase ke atas / ke bawah",
                "move the phase up / down",
            ],
            Msg::HintsDrillOrder => [
                "↑↓ pilih · K/J pindahkan · Enter/s jawab · h petunjuk · o pelajaran · Esc kembali",
                "↑↓ pick · K/J move · Enter/s answer · h hint · o lesson · L language · Esc back",
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
                "Enter membuka editor ADR berisi templat pelajaran 17; blok `toml` di bawah Keputusan adalah yang disimulasikan. s menilai draf, e membukanya di $EDITOR. Draf disimpan di direktori data; dari shell: meshlab grade {0} --answer ADR.md",
                "Enter opens the ADR editor with lesson 17's template; the `toml` block under Decision is what gets simulated. s grades the draft, e opens it in $EDITOR. The draft is kept in the data directory; from a shell: meshlab grade {0} --answer ADR.md",
            ],
            Msg::AdrSaved => ["ADR disimpan: {0}", "ADR saved: {0}"],
            Msg::AdrUnsaved => ["belum disimpan", "unsaved"],
            Msg::AdrPreview => ["Pratinjau", "Preview"],
            Msg::AdrNoDataDir => [
                "Tidak ada direktori data: ADR hanya ada di sesi ini (atur MESHLAB_DATA_DIR)",
                "No data directory: the ADR lives only in this session (set MESHLAB_DATA_DIR)",
            ],
            Msg::AdrSaveFailed => [
                "Tidak bisa menyimpan ADR ke {0}: {1}",
                "Cannot save the ADR to {0}: {1}",
            ],
            Msg::AdrKeptAside => [
                "Draf ADR {0} tidak terbaca ({1}); disimpan sebagai {2}, editor mulai dari templat",
                "The ADR draft {0} is unreadable ({1}); kept as {2}, the editor starts from the template",
            ],
            Msg::AdrEditorFailed => [
                "Tidak bisa menjalankan editor {0}: {1}",
                "Cannot run the editor {0}: {1}",
            ],
            Msg::AdrEditorExit => [
                "Editor keluar dengan {0}; draf dimuat ulang tetapi tidak dinilai",
                "The editor exited with {0}; the draft is reloaded but not graded",
            ],
            Msg::HintsAdrDrill => [
                "Enter tulis · s nilai · e $EDITOR · h petunjuk · o pelajaran · Esc kembali",
                "Enter write · s grade · e $EDITOR · h hint · o lesson · Esc back · ? help",
            ],
            Msg::HintsAdrEditor => [
                "Ctrl+G nilai · Ctrl+S simpan · Alt+↑↓ bagian · F2 pratinjau · Esc tutup · F1 ?",
                "Ctrl+G grade · Ctrl+S save · Alt+↑↓ section · F2 preview · Esc close · F1 help",
            ],
            Msg::KeyAdrGrade => ["nilai ADR (disimpan dulu)", "grade the ADR (saved first)"],
            Msg::KeyAdrSave => ["simpan draf", "save the draft"],
            Msg::KeyAdrSection => [
                "bagian ## sebelumnya / berikutnya",
                "previous / next ## section",
            ],
            Msg::KeyAdrPreview => [
                "pratinjau Markdown tampil / sembunyi",
                "show / hide the Markdown preview",
            ],
            Msg::KeyAdrUndo => ["batalkan / ulangi", "undo / redo"],
            Msg::KeyAdrClose => [
                "tutup editor (draf disimpan)",
                "close the editor (the draft is saved)",
            ],
            Msg::KeyAdrExternal => [
                "ADR: edit di $EDITOR, dinilai saat kembali",
                "ADR: edit in $EDITOR, graded when it returns",
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
