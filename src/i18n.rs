//! Every user-visible UI string, in both languages, in one place.
//!
//! `Msg::pair` is one exhaustive `match`: a message without both translations does not compile.
//! Lesson text is content and lives in `lessons/`, not here.

pub mod console;
pub mod messages;
pub mod trace;

use std::borrow::Cow;

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
    /// The text in `lang`. A pack may leave one side empty (`pack validate` warns of it): the
    /// other language's text is shown then, marked "(belum diterjemahkan)" / "(not translated
    /// yet)", never an empty screen.
    pub fn get(&self, lang: Lang) -> Cow<'_, str> {
        let (wanted, other) = match lang {
            Lang::Id => (&self.id, &self.en),
            Lang::En => (&self.en, &self.id),
        };
        if wanted.trim().is_empty() && !other.trim().is_empty() {
            Cow::Owned(format!("{} {other}", Msg::NotTranslated.text(lang)))
        } else {
            Cow::Borrowed(wanted)
        }
    }
}

/// A length of time in words of `lang`, to the second below a minute, to the minute from an
/// hour: "45 s", "12 min 5 s", "2 h 5 min" ("2 jam 5 menit"). Every practice time is
/// written this way, so the TUI and `meshlab progress` read the same.
pub fn duration_text(seconds: u64, lang: Lang) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let part = |msg: Msg, n: u64| msg.fill(lang, &[&n.to_string()]);
    match (h, m, s) {
        (0, 0, s) => part(Msg::DurationSeconds, s),
        (0, m, 0) => part(Msg::DurationMinutes, m),
        (0, m, s) => format!(
            "{} {}",
            part(Msg::DurationMinutes, m),
            part(Msg::DurationSeconds, s)
        ),
        (h, 0, _) => part(Msg::DurationHours, h),
        (h, m, _) => format!(
            "{} {}",
            part(Msg::DurationHours, h),
            part(Msg::DurationMinutes, m)
        ),
    }
}

/// A UI message. Placeholders `{0}`, `{1}` … are filled by [`Msg::fill`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    LanguageName,
    NotTranslated,
    HomeTitle,
    HomeLegend,
    HintsHome,
    HintsReader,
    HintsReaderCode,
    HintsToc,
    HintsSearch,
    TocTitle,
    SearchPrompt,
    SearchNoMatch,
    SearchPosition,
    NoteMeshlab,
    NoteKindNote,
    NoteKindTip,
    NoteKindImportant,
    NoteKindWarning,
    NoteKindCaution,
    HelpTitle,
    HelpClose,
    HelpScroll,
    HelpCloseScroll,
    KeyMove,
    KeyScroll,
    KeyPage,
    KeyTopBottom,
    KeyOpen,
    KeySearch,
    KeyNextPrev,
    KeyToc,
    KeySideways,
    KeyGlossary,
    KeySearchGlossary,
    GlossaryTitle,
    GlossaryCount,
    GlossaryFiltered,
    GlossaryNoMatch,
    GlossaryKeptShort,
    GlossaryKept,
    GlossaryOtherName,
    GlossaryAlso,
    GlossaryAvoid,
    GlossaryUnreadable,
    HintsGlossary,
    HintsGlossarySearch,
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
    ConfigLangUnquoted,
    ConfigLangUnknown,
    ConfigIgnored,
    ReaderNeedsTerminal,
    CliAbout,
    CliLang,
    CliContentDir,
    CliLesson,
    CliLessonList,
    CliLessonShow,
    CliGlossary,
    CliGlossaryTerm,
    CliSection,
    CliWidth,
    CliPlain,
    CliSim,
    CliUsage,
    CliCommands,
    CliArguments,
    CliOptions,
    CliHelp,
    CliPossibleValues,
    CliDefault,
    CliSubcommands,
    CliError,
    CliErrArgTwice,
    CliErrArgConflict,
    CliErrSubcommandConflict,
    CliErrConflictWith,
    CliErrArgConflictOthers,
    CliErrNoEquals,
    CliErrValueMissing,
    CliErrInvalidValue,
    CliErrUnknownSubcommand,
    CliErrMissingArgs,
    CliErrMissingSubcommand,
    CliErrInvalidUtf8,
    CliErrTooManyValues,
    CliErrTooFewValues,
    CliErrWrongNumberOfValues,
    CliErrUnknownArg,
    CliTipSimilar,
    CliTipPassAsValue,
    CliTipRemoveDashes,
    CliTipExists,
    CliTip,
    CliTryHelp,
    CliPhOptions,
    CliPhCommand,
    CliPhDir,
    CliPhFile,
    CliPhLang,
    CliPhSection,
    CliPhWidth,
    CliPhTerm,
    CliPhName,
    CliPhScenario,
    CliPhPack,
    CliPhKind,
    CliPhRequests,
    CliPhCount,
    CliPhDelay,
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
    Failed,
    NotEnforceable,
    NotOnPath,
    DeniedAt,
    RecordedAt,
    NotRecorded,
    WrongBackend,
    WrongShare,
    WrongTries,
    WrongOutcome,
    WrongStatus,
    WrongGrpcStatus,
    WrongIdentity,
    NotPlaintext,
    WrongDecidedBy,
    WrongResponseHeader,
    Why,
    Feedback,
    RetryWorstCase,
    Hints,
    Choices,
    Fixes,
    AnswerHeading,
    AnswerKeys,
    AnswerAdr,
    AnswerStart,
    AnswerTemplateNote,
    AnswerExists,
    AnswerWritten,
    VariantAsked,
    CliVariant,
    CliExerciseStart,
    CliHint,
    CliNext,
    CliNextReviews,
    CliNextStart,
    CliNextRead,
    CliNextPractise,
    CliHintN,
    HintNone,
    HintOutOfRange,
    HintRecorded,
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
    SimArgAt,
    SimArgProbeAt,
    SimProbeStill,
    SimProbeScenarioAlone,
    SimProbeScenarioMesh,
    SimArgUntil,
    SimArgStep,
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
    SimStepHeader,
    SimColFrom,
    SimColTo,
    SimColSuccess,
    SimAllowed,
    SimDenied,
    SimFailed,
    SimConnected,
    SimTimedOut,
    SimHttpError,
    SimNoBackend,
    SimTries,
    SimEncrypted,
    SimClientIdentity,
    SimDecidedBy,
    SimCounts,
    SimResponseHeaders,
    SimRejected,
    SimWarning,
    CliSimRun,
    CliSimTrace,
    CliSimFields,
    SimArgKind,
    CliSimProbe,
    KindEnforcementPoint,
    KindDiagnose,
    KindRetryBudget,
    TabDrills,
    DrillsLegend,
    OrderLesson,
    OrderDifficulty,
    OrderKind,
    OrderStanding,
    OrderPack,
    MarkDue,
    MarkFailed,
    MarkNew,
    MarkPassed,
    DrillsCount,
    DrillsView,
    DrillsAll,
    DrillsNoWords,
    DrillsLessonFilter,
    DrillsNoneShown,
    DrillsWordsPrompt,
    HintsDrillsWords,
    NextStart,
    NextContinue,
    NextReviews,
    NextPractise,
    NextDone,
    SpanDays,
    SpanHours,
    SpanMinutes,
    KeyNext,
    KeyListOrder,
    KeyListStanding,
    KeyListWords,
    LessonEndNext,
    LessonEndPractise,
    LessonEndLast,
    KeySection,
    KeyPractiseSection,
    ResumeDue,
    NextSameLesson,
    NextSameSkill,
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
    TimelineTitle,
    TimelineEvents,
    TimelineLegend,
    PathOf,
    LinkEncrypted,
    LinkPlain,
    IdentitySeen,
    HopAllow,
    HopAnswer,
    HopDeny,
    HopDnat,
    HopDrop,
    HopForward,
    HopOk,
    HopPass,
    HopRefuse,
    HopReject,
    HopReset,
    HopRetry,
    HopRoute,
    HopSend,
    HopSlow,
    HopTimeout,
    HopRedirect,
    HopMirror,
    HopRewrite,
    HopTls,
    DeniedHere,
    DroppedHere,
    ResetHere,
    ClientSees,
    OutcomeHttp,
    OutcomeReset,
    OutcomeRefused,
    OutcomeDnsFailure,
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
    HintsResultNoProbes,
    HintsResultSessionNoProbes,
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
    ProgressDueSince,
    ProgressDueIn,
    ProgressUpcoming,
    ProgressColSkill,
    ProgressColAttempts,
    ProgressColAccuracy,
    ProgressColTime,
    DurationHours,
    DurationMinutes,
    DurationSeconds,
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
    CliCompletions,
    CliShell,
    CliMan,
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
    SessionPickReview,
    SessionPickWeakest,
    SessionPickNext,
    SessionPickKeys,
    SummarySkipped,
    SummaryNextDue,
    SummaryNoneScheduled,
    KeySkip,
    KeyBury,
    HowTuiChoose,
    HowTuiDiagnose,
    HowTuiAudit,
    HowTuiAuditPick,
    HowTuiNumber,
    HowTuiOrder,
    HowTuiAdr,
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
    ReportColPoints,
    ReportColHints,
    ReportColLate,
    ReportLateYes,
    ReportDue,
    ReportHardest,
    ReportNoneHard,
    ReportHardRow,
    ResultHintPenalty,
    FeedbackTitle,
    FeedbackSummary,
    FeedbackLate,
    FeedbackExercise,
    FeedbackAnsweredLate,
    FeedbackRead,
    CliFeedback,
    FeedbackWritten,
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
    PackBuiltInstructor,
    ClassNeedsInstructor,
    CliStrict,
    CliInstructor,
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
    ExerciseBadVariant,
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
    VariantSameQuestion,
    VariantCannotGrade,
    VariantNoReference,
    VariantNoWrongAnswer,
    VariantTestsNothing,
    // The validator's authoring checks (drill/validate.rs, drill/lint.rs, drill/pack.rs).
    ValidateWarning,
    ValidateNoReference,
    ValidateNoWrongAnswer,
    ValidateUnknownLesson,
    ValidateDoesNotLoad,
    ValidateUnknownOutcome,
    ValidateStrict,
    LintSelectsNothing,
    LintUnknownPrincipal,
    ExerciseBadProtocol,
    ExerciseFeedbackEmpty,
    ExerciseFeedbackKind,
    ExerciseFeedbackPhase,
    ExerciseRubricRequires,
    ExerciseExactNoRequest,
    ExerciseBadDesign,
    ExercisePassMark,
    AuditWeightsZero,
    PackPassMark,
    PackBadDue,
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
    AdoptionBlast,
    BlastRestarted,
    BlastCut,
    BlastNone,
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
    AdrRubricVoided,
    AdrHardBroken,
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
    // Manifest drills (drill::manifest).
    KindManifest,
    ExerciseNeedsManifestChecks,
    CheckUnknownManifest,
    ExerciseFeedbackProbe,
    ManifestEmpty,
    ManifestWarning,
    ManifestRejected,
    ManifestGoals,
    ManifestNoCollateral,
    ManifestCollateralList,
    ManifestCollateral,
    AnswerManifest,
    ManifestStarterNote,
    HowTuiManifest,
    HowTuiDebugging,
    HintsDrillDebugging,
    DebuggingNoFinding,
    DebuggingQuestionRow,
    ConsoleFound,
    ConsoleFoundNoCommand,
    ConsoleFoundUsage,
    ManifestWriteFile,
    ManifestProbesNow,
    ManifestProbesNowEmpty,
    ManifestSaved,
    HintsManifestEditor,
    SimRetriesBeyondFirst,
    // sim cost
    CostWhatIfSidecars,
    CostNumberPrompt,
    KindCost,
    KindDebugging,
    DebuggingFinding,
    DebuggingUnanswered,
    DebuggingWrongFact,
    DebuggingDidNotRun,
    DebuggingNotInOutput,
    DebuggingNeedsQuestions,
    DebuggingQuestionTwice,
    DebuggingNeedsFacts,
    ExerciseNeedsCost,
    CostExpected,
    CostSeeModel,
    CliSimCost,
    SimArgCostPaths,
    SimArgRps,
    CostHeader,
    CostRatesScenario,
    CostRatesFixed,
    CostRatesInbound,
    CostThisDesign,
    CostNothingRuns,
    CostColComponent,
    CostColInstance,
    CostColRps,
    CostColVcpu,
    CostColMemory,
    CostColDesign,
    CostColInstances,
    CostPerWorkload,
    CostPerNode,
    CostTotal,
    CostUnanswered,
    CostSideBySide,
    CostDesignNone,
    CostDesignA,
    CostDesignB,
    CostDesignC,
    CostDesignSidecar,
    CostAsWritten,
    CostWhatChanges,
    CostWhatIfWaypoint,
    CostWhatIfWaypointNone,
    CostWhatIfL7,
    CostWhatIfL7None,
    CostFigures,
    CostFigurePerLoad,
    CostFigureFixed,
    CostRetrieved,
}

impl Msg {
    /// `[Indonesian, English]`.
    fn pair(self) -> [&'static str; 2] {
        match self {
            Msg::LanguageName => ["Bahasa Indonesia", "English"],
            Msg::NotTranslated => ["(belum diterjemahkan)", "(not translated yet)"],
            Msg::HomeTitle => ["Pelajaran", "Lessons"],
            Msg::HomeLegend => ["● sudah dibaca  ○ belum", "● read  ○ unread"],
            Msg::HintsHome => [
                "n lanjut · Tab latihan · p progres · w glosarium · L bahasa · ? bantuan",
                "n next · Tab drills · p progress · w glossary · L language · ? help",
            ],
            Msg::HintsReader => [
                "j/k gulir · / cari · t isi · w glosarium · L bahasa · Esc kembali · ? bantuan",
                "j/k scroll · / search · t contents · w glossary · L lang · Esc back · ? help",
            ],
            Msg::HintsReaderCode => [
                "←→ geser kode · j/k gulir · / cari · w glosarium · Esc kembali · ? bantuan",
                "←→ scroll code · j/k scroll · / search · w glossary · Esc back · ? help",
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
            Msg::NoteMeshlab => ["Catatan meshlab", "meshlab note"],
            Msg::NoteKindNote => ["Catatan", "Note"],
            Msg::NoteKindTip => ["Kiat", "Tip"],
            Msg::NoteKindImportant => ["Penting", "Important"],
            Msg::NoteKindWarning => ["Peringatan", "Warning"],
            Msg::NoteKindCaution => ["Hati-hati", "Caution"],
            Msg::HelpTitle => ["Bantuan", "Help"],
            Msg::HelpClose => ["tekan tombol apa saja", "press any key"],
            Msg::HelpScroll => ["↑↓ {0}/{1}", "↑↓ {0}/{1}"],
            Msg::HelpCloseScroll => ["↑↓ gulir · lainnya menutup", "↑↓ scroll · others close"],
            Msg::KeyMove => ["pilih baris", "move the selection"],
            Msg::KeyScroll => ["gulir satu baris", "scroll one line"],
            Msg::KeyPage => ["gulir satu halaman", "scroll one page"],
            Msg::KeyTopBottom => ["ke awal / ke akhir", "to the top / to the end"],
            Msg::KeyOpen => ["buka / lompat", "open / jump"],
            Msg::KeySearch => ["cari di pelajaran", "search the lesson"],
            Msg::KeyNextPrev => ["hasil berikutnya / sebelumnya", "next / previous match"],
            Msg::KeyToc => ["tampilkan daftar isi", "show the contents"],
            Msg::KeySideways => [
                "geser kode yang lebih lebar dari layar",
                "scroll code wider than the screen",
            ],
            Msg::KeyGlossary => ["glosarium istilah", "glossary of terms"],
            Msg::KeySearchGlossary => [
                "cari istilah (nama dan definisi, kedua bahasa)",
                "search the terms (names and definitions, both languages)",
            ],
            Msg::GlossaryTitle => ["Glosarium", "Glossary"],
            Msg::GlossaryCount => ["{0} istilah", "{0} terms"],
            Msg::GlossaryFiltered => ["{0} dari {1} istilah · “{2}”", "{0} of {1} terms · “{2}”"],
            Msg::GlossaryNoMatch => [
                "Tidak ada istilah yang cocok dengan “{0}”.",
                "No term matches “{0}”.",
            ],
            Msg::GlossaryKeptShort => ["(tetap)", "(kept)"],
            Msg::GlossaryKept => [
                "Di teks Indonesia tetap ditulis dalam bahasa Inggris.",
                "Indonesian text keeps it in English.",
            ],
            Msg::GlossaryOtherName => ["Bahasa Inggris: {0}", "Indonesian: {0}"],
            Msg::GlossaryAlso => ["Bentuk lain: {0}", "Also written: {0}"],
            Msg::GlossaryAvoid => ["Tidak dipakai: {0}", "Not used: {0}"],
            Msg::GlossaryUnreadable => [
                "Glosarium tidak bisa dibaca: {0}",
                "The glossary cannot be read: {0}",
            ],
            Msg::HintsGlossary => [
                "/ cari · ↑↓ pilih · L bahasa · Esc kembali · ? bantuan",
                "/ search · ↑↓ select · L language · Esc back · ? help",
            ],
            Msg::HintsGlossarySearch => [
                "ketik untuk menyaring · ↑↓ pilih · Enter selesai · Esc hapus",
                "type to filter · ↑↓ select · Enter done · Esc clear",
            ],
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
            Msg::ConfigLangUnquoted => [
                "lang harus diberi tanda kutip: lang = \"{0}\"",
                "lang must be quoted: lang = \"{0}\"",
            ],
            Msg::ConfigLangUnknown => [
                "lang harus \"id\" atau \"en\", bukan \"{0}\"",
                "lang must be \"id\" or \"en\", not \"{0}\"",
            ],
            Msg::ConfigIgnored => [
                "meshlab: {0} (berkas konfigurasi diabaikan sampai ini diperbaiki)",
                "meshlab: {0} (the config file is ignored until this is fixed)",
            ],
            Msg::ReaderNeedsTerminal => [
                "meshlab: pembaca perlu terminal; coba `meshlab lesson show 1`",
                "meshlab: the reader needs a terminal; try `meshlab lesson show 1`",
            ],
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
            Msg::CliGlossary => [
                "Glosarium: istilah kursus dalam kedua bahasa",
                "Glossary: the course's terms in both languages",
            ],
            Msg::CliGlossaryTerm => [
                "Istilah dalam salah satu bahasa, atau kata yang dicari di definisi",
                "A term in either language, or a word to look for in the definitions",
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
                "Keluaran tanpa warna dan gaya, juga di terminal",
                "Plain text without color, even on a terminal",
            ],
            Msg::CliSim => ["Jalankan simulator mesh", "Run the mesh simulator"],
            Msg::CliUsage => ["Pemakaian", "Usage"],
            Msg::CliCommands => ["Perintah", "Commands"],
            Msg::CliArguments => ["Argumen", "Arguments"],
            Msg::CliOptions => ["Opsi", "Options"],
            Msg::CliHelp => ["Tampilkan bantuan", "Print help"],
            Msg::CliPossibleValues => ["nilai yang mungkin", "possible values"],
            Msg::CliDefault => ["bawaan", "default"],
            Msg::CliSubcommands => ["subperintah", "subcommands"],
            Msg::CliError => ["galat:", "error:"],
            Msg::CliErrArgTwice => [
                "argumen '{0}' tidak boleh dipakai lebih dari sekali",
                "the argument '{0}' cannot be used multiple times",
            ],
            Msg::CliErrArgConflict => [
                "argumen '{0}' tidak bisa dipakai bersama '{1}'",
                "the argument '{0}' cannot be used with '{1}'",
            ],
            Msg::CliErrSubcommandConflict => [
                "subperintah '{0}' tidak bisa dipakai bersama '{1}'",
                "the subcommand '{0}' cannot be used with '{1}'",
            ],
            Msg::CliErrConflictWith => [
                "'{0}' tidak bisa dipakai bersama:",
                "'{0}' cannot be used with:",
            ],
            Msg::CliErrArgConflictOthers => [
                "argumen '{0}' tidak bisa dipakai bersama argumen lain yang diberikan",
                "the argument '{0}' cannot be used with one or more of the other specified arguments",
            ],
            Msg::CliErrNoEquals => [
                "nilai untuk '{0}' harus ditulis dengan tanda sama dengan",
                "equal sign is needed when assigning values to '{0}'",
            ],
            Msg::CliErrValueMissing => [
                "'{0}' perlu nilai, tetapi tidak ada yang diberikan",
                "a value is required for '{0}' but none was supplied",
            ],
            Msg::CliErrInvalidValue => [
                "nilai '{0}' untuk '{1}' tidak valid",
                "invalid value '{0}' for '{1}'",
            ],
            Msg::CliErrUnknownSubcommand => [
                "subperintah '{0}' tidak dikenal",
                "unrecognized subcommand '{0}'",
            ],
            Msg::CliErrMissingArgs => [
                "argumen wajib berikut belum diberikan:",
                "the following required arguments were not provided:",
            ],
            Msg::CliErrMissingSubcommand => [
                "'{0}' perlu subperintah, tetapi tidak ada yang diberikan",
                "'{0}' requires a subcommand but one was not provided",
            ],
            Msg::CliErrInvalidUtf8 => [
                "ada argumen yang bukan UTF-8 yang valid",
                "invalid UTF-8 was detected in one or more arguments",
            ],
            Msg::CliErrTooManyValues => [
                "nilai '{0}' untuk '{1}' tidak diharapkan; tidak ada nilai lain yang diterima",
                "unexpected value '{0}' for '{1}' found; no more were expected",
            ],
            Msg::CliErrTooFewValues => [
                "'{1}' perlu {0} nilai; hanya {2} yang diberikan",
                "{0} values required by '{1}'; only {2} provided",
            ],
            Msg::CliErrWrongNumberOfValues => [
                "'{1}' perlu {0} nilai, tetapi {2} yang diberikan",
                "{0} values required for '{1}' but {2} provided",
            ],
            Msg::CliErrUnknownArg => [
                "argumen '{0}' tidak dikenal",
                "unexpected argument '{0}' found",
            ],
            Msg::CliTipSimilar => ["tip: mungkin maksudnya {0}?", "tip: did you mean {0}?"],
            Msg::CliTipPassAsValue => [
                "tip: untuk memberikan '{0}' sebagai nilai, pakai '{1}'",
                "tip: to pass '{0}' as a value, use '{1}'",
            ],
            Msg::CliTipRemoveDashes => [
                "tip: subperintah '{0}' ada; untuk memakainya, hapus '--' di depannya",
                "tip: subcommand '{0}' exists; to use it, remove the '--' before it",
            ],
            Msg::CliTipExists => ["tip: '{0}' ada", "tip: '{0}' exists"],
            Msg::CliTip => ["tip: {0}", "tip: {0}"],
            Msg::CliTryHelp => [
                "Untuk informasi lebih lanjut, coba {0}.",
                "For more information, try {0}.",
            ],
            Msg::CliPhOptions => ["OPSI", "OPTIONS"],
            Msg::CliPhCommand => ["PERINTAH", "COMMAND"],
            Msg::CliPhDir => ["DIREKTORI", "DIR"],
            Msg::CliPhFile => ["BERKAS", "FILE"],
            Msg::CliPhLang => ["BAHASA", "LANG"],
            Msg::CliPhSection => ["BAGIAN", "SECTION"],
            Msg::CliPhWidth => ["LEBAR", "WIDTH"],
            Msg::CliPhTerm => ["ISTILAH", "TERM"],
            Msg::CliPhName => ["NAMA", "NAME"],
            Msg::CliPhScenario => ["SKENARIO", "SCENARIO"],
            Msg::CliPhPack => ["PAKET", "PACK"],
            Msg::CliPhKind => ["JENIS", "KIND"],
            Msg::CliPhRequests => ["REQUEST", "REQUESTS"],
            Msg::CliPhCount => ["JUMLAH", "COUNT"],
            Msg::CliPhDelay => ["JEDA_MS", "DELAY_MS"],
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
                "Berkas jawaban (TOML: `choice`, `fix`, `number`)",
                "Answer file (TOML: `choice`, `fix`, `number`)",
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
            Msg::Failed => ["gagal", "failed"],
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
            Msg::WrongOutcome => [
                "diharapkan jawaban {0}, hasilnya {1}",
                "expected the answer {0}, got {1}",
            ],
            Msg::WrongStatus => [
                "diharapkan status HTTP {0}, hasilnya {1}",
                "expected HTTP status {0}, got {1}",
            ],
            Msg::WrongGrpcStatus => [
                "diharapkan status gRPC {0}, hasilnya {1}",
                "expected gRPC status {0}, got {1}",
            ],
            Msg::WrongIdentity => [
                "diharapkan server mengautentikasi {0}, yang terautentikasi {1}",
                "expected the server to authenticate {0}, it authenticated {1}",
            ],
            Msg::NotPlaintext => [
                "diharapkan tidak terenkripsi, tetapi terenkripsi",
                "expected it in the clear, but it was encrypted",
            ],
            Msg::WrongDecidedBy => [
                "diharapkan diputuskan oleh {0}, yang memutuskan: {1}",
                "expected {0} to decide, decided by: {1}",
            ],
            Msg::WrongResponseHeader => [
                "diharapkan header jawaban {0}: {1}, hasilnya {2}",
                "expected response header {0}: {1}, got {2}",
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
            Msg::AnswerHeading => ["Menjawab", "Answering"],
            Msg::AnswerKeys => [
                "Tulis kunci ini di berkas TOML (nilainya salah satu id di atas):",
                "Write these keys in a TOML file (each value one of the ids above):",
            ],
            Msg::AnswerAdr => [
                "Jawabannya adalah ADR itu sendiri, dalam Markdown, mengikuti templat pelajaran 17; blok `toml` di bawah Keputusan adalah yang disimulasikan.",
                "The answer is the ADR itself, in Markdown, following lesson 17's template; the `toml` block under Decision is what gets simulated.",
            ],
            Msg::AnswerStart => [
                "{0} menulis templatnya di folder ini; lalu: {1}",
                "{0} writes the template to this folder; then: {1}",
            ],
            Msg::AnswerTemplateNote => [
                "Isi kuncinya; pilihannya ada di: {0}",
                "Fill in the keys; the choices are in: {0}",
            ],
            Msg::AnswerExists => [
                "{0} sudah ada; tidak ditimpa (hapus atau pindahkan dulu)",
                "{0} already exists; not overwritten (remove or move it first)",
            ],
            Msg::VariantAsked => [
                "Ini variasi {0} dari latihan ini; soalnya: {1}",
                "This is variant {0} of the drill; its question: {1}",
            ],
            Msg::CliVariant => [
                "Variasi latihan yang ditanyakan (0: seperti tertulis)",
                "The variant of the drill asked (0: as written)",
            ],
            Msg::AnswerWritten => [
                "{0} ditulis. Isi, lalu: {1}",
                "Wrote {0}. Fill it in, then: {1}",
            ],
            Msg::CliExerciseStart => [
                "Tulis templat jawaban (atau templat ADR) ke folder ini",
                "Write the answer template (or the ADR template) to the current folder",
            ],
            Msg::CliHint => [
                "Tampilkan petunjuk latihan (dihitung pada nilai berikutnya)",
                "Show a drill's hints (counted in its next grade)",
            ],
            Msg::CliNext => [
                "Apa berikutnya: ulangan jatuh tempo, bagian belum dibaca, keterampilan terlemah",
                "What to do next: reviews due, the next unread section, the weakest skill",
            ],
            Msg::CliNextReviews => [
                "Berikutnya: {0} ulangan jatuh tempo (terlama sejak {1} lalu). Yang pertama: {2}",
                "Next: {0 review|reviews} due (the oldest since {1}). The first: {2}",
            ],
            Msg::CliNextStart => ["Mulai di sini: {0}", "Start here: {0}"],
            Msg::CliNextRead => ["Berikutnya, baca: {0}", "Next, read: {0}"],
            Msg::CliNextPractise => [
                "Berikutnya, latih keterampilan terlemah, {0}: {1}",
                "Next, practise your weakest skill, {0}: {1}",
            ],
            Msg::CliHintN => [
                "Tampilkan petunjuk 1 sampai N (bawaan: yang berikutnya)",
                "Show hints 1 to N (default: the next one)",
            ],
            Msg::HintNone => [
                "Latihan ini tidak punya petunjuk.",
                "This drill has no hints.",
            ],
            Msg::HintOutOfRange => [
                "tidak ada petunjuk {0}: latihan ini punya {1}",
                "there is no hint {0}: this drill has {1}",
            ],
            Msg::HintRecorded => [
                "({0} petunjuk terbaca; dihitung saat meshlab grade {1} berikutnya)",
                "({0 hint|hints} read; counted in the next meshlab grade {1})",
            ],
            Msg::UnknownExercise => ["Latihan tidak dikenal: “{0}”", "Unknown exercise: “{0}”"],
            Msg::PackValid => [
                "{0}: {1} latihan, semua jawaban contoh dinilai sesuai deklarasi",
                "{0}: {1 exercise|exercises}, every known answer grades as declared",
            ],
            Msg::PackInvalid => ["{0}: {1} masalah", "{0}: {1 problem|problems}"],
            Msg::SimRunHeader => [
                "Simulasi: seed {0}, {1} permintaan per jalur",
                "Simulation: seed {0}, {1 request|requests} per edge",
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
            Msg::SimStepHeader => ["Pada {0}", "At {0}"],
            Msg::SimColFrom => ["DARI", "FROM"],
            Msg::SimColTo => ["KE", "TO"],
            Msg::SimColSuccess => ["SUKSES", "SUCCESS"],
            Msg::SimAllowed => ["DIIZINKAN", "ALLOWED"],
            Msg::SimDenied => ["DITOLAK", "DENIED"],
            Msg::SimFailed => ["GAGAL", "FAILED"],
            Msg::SimConnected => ["terhubung", "connected"],
            Msg::SimTimedOut => [
                "timeout (di-drop diam-diam)",
                "timed out (silently dropped)",
            ],
            Msg::SimHttpError => ["galat HTTP", "HTTP error"],
            Msg::SimNoBackend => ["tanpa backend", "no backend"],
            Msg::SimTries => ["{0} percobaan", "tries {0}"],
            Msg::SimEncrypted => ["terenkripsi", "encrypted"],
            Msg::SimClientIdentity => ["identity klien: {0}", "client identity: {0}"],
            Msg::SimDecidedBy => ["diputuskan oleh: {0}", "decided by: {0}"],
            Msg::SimCounts => ["jumlah: {0}", "counts: {0}"],
            Msg::SimResponseHeaders => ["header jawaban: {0}", "response headers: {0}"],
            Msg::SimRejected => ["ditolak: {0} {1}: {2}", "rejected {0} {1}: {2}"],
            Msg::SimWarning => ["peringatan: {0}", "warning: {0}"],
            Msg::CliSimRun => [
                "Jalankan traffic skenario: metrik, flow, log, invariant",
                "Run a scenario's traffic: metrics, flows, logs, invariants",
            ],
            Msg::CliSimTrace => [
                "Jejak hop demi hop satu permintaan dalam skenario",
                "Trace one request of a scenario hop by hop",
            ],
            Msg::CliSimFields => [
                "Daftar setiap field dari setiap kind yang dibaca simulator, dan apa yang dilakukannya: modeled, inert, atau unmodeled (dengan peringatan)",
                "List every field of every kind the simulator reads, and what it does with it: modeled, inert, or unmodeled (with a warning)",
            ],
            Msg::SimArgKind => [
                "Hanya kind ini (Service, VirtualService, core/Pod, …)",
                "Only this kind (Service, VirtualService, core/Pod, …)",
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
                "Berkas atau folder manifest Kubernetes YAML multi-dokumen (`-` = stdin), nama manifest bawaan (mis. `lab`), atau satu skenario (`.toml`, atau nama skenario bawaan seperti `lab-cilium`)",
                "Manifest files or directories of multi-document Kubernetes YAML (`-` = stdin), a built-in manifest name (e.g. `lab`), or one scenario (`.toml`, or a built-in scenario name such as `lab-cilium`)",
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
            Msg::SimArgProtocol => [
                "TCP, UDP, SCTP atau ICMP (ping)",
                "TCP, UDP, SCTP or ICMP (ping)",
            ],
            Msg::SimArgMethod => [
                "Metode HTTP (probe menjadi permintaan HTTP; bawaan GET)",
                "HTTP method (the probe becomes an HTTP request; default GET)",
            ],
            Msg::SimArgPath => [
                "Path HTTP, boleh dengan `?query`",
                "HTTP path, optionally with `?query`",
            ],
            Msg::SimArgHost => [
                "Header Host HTTP, juga SNI koneksi TLS (hostname listener Gateway dan route)",
                "HTTP Host header, and the SNI of a TLS connection (Gateway listener and route hostnames)",
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
                "Daftar probe YAML (kunci: `from`, `to`, `port`, `protocol`, `method`, `path`, `host`, `headers`, `query`, `delay_ms`, `count`) sebagai ganti --from/--to",
                "YAML list of probes (keys: `from`, `to`, `port`, `protocol`, `method`, `path`, `host`, `headers`, `query`, `delay_ms`, `count`) instead of --from/--to",
            ],
            Msg::SimArgScenario => [
                "Berkas skenario (TOML), atau nama skenario bawaan (mis. `lab-linkerd`)",
                "Scenario file (TOML), or a built-in scenario name (e.g. `lab-linkerd`)",
            ],
            Msg::SimArgRequests => ["Request per jalur traffic", "Requests per traffic edge"],
            Msg::SimArgSeed => [
                "Seed (bawaan: yang ada di skenario)",
                "Seed (default: the scenario's)",
            ],
            Msg::SimArgProbeAt => [
                "Momen probe (`25h`, `2h30m`; bawaan 0): pada timeline skenario, atau pada jam sertifikat dan umur pod dari manifest",
                "The moment to probe at (`25h`, `2h30m`; default 0): on a scenario's timeline, or on the certificate clocks and pod ages of bare manifests",
            ],
            Msg::SimProbeStill => [
                "tanpa [[events]]: tidak ada yang berubah seiring waktu; pada {0} cluster tetap seperti yang ditulis manifest (sertifikat diperbarui sesuai jadwal). Untuk outage, restart, atau sertifikat yang kedaluwarsa, tulis skenario dengan [[events]].",
                "no [[events]]: nothing changes over time; at {0} the cluster is the one its manifests describe (certificates renewed on schedule). For an outage, a restart or an expiring certificate, write a scenario with [[events]].",
            ],
            Msg::SimProbeScenarioAlone => [
                "error: skenario di-probe sendiri: berikan satu berkas skenario, atau manifest saja ({0})",
                "error: a scenario is probed on its own: give one scenario file, or manifests only ({0})",
            ],
            Msg::SimProbeScenarioMesh => [
                "error: --mesh: skenario {0} menentukan mesh-nya sendiri (`mesh = ...` di berkasnya)",
                "error: --mesh: scenario {0} names its own mesh (`mesh = ...` in the file)",
            ],
            Msg::SimArgAt => [
                "Momen pada timeline skenario (`25h`, `2h30m`; bawaan 0)",
                "The moment on the scenario's timeline (`25h`, `2h30m`; default 0)",
            ],
            Msg::SimArgUntil => [
                "Laporkan setiap langkah dari 0 sampai momen ini (`30h`)",
                "Report every step from 0 to this moment (`30h`)",
            ],
            Msg::SimArgStep => [
                "Jarak antarlangkah `--until` (bawaan 1h)",
                "The step of `--until` (default 1h)",
            ],
            Msg::NotEncrypted => [
                "tidak terenkripsi dari ujung ke ujung",
                "not encrypted end to end",
            ],
            Msg::KindEnforcementPoint => ["titik penegakan", "enforcement point"],
            Msg::KindDiagnose => ["diagnosis", "diagnose"],
            Msg::KindRetryBudget => ["anggaran retry", "retry budget"],
            Msg::TabDrills => ["Latihan", "Drills"],
            Msg::DrillsLegend => [
                "○ baru ✓ lulus ✗ gagal ↻ jatuh tempo",
                "○ new ✓ passed ✗ failed ↻ due",
            ],
            Msg::OrderLesson => ["pelajaran", "lesson"],
            Msg::OrderDifficulty => ["tingkat", "difficulty"],
            Msg::OrderKind => ["jenis", "kind"],
            Msg::OrderStanding => ["status", "status"],
            Msg::OrderPack => ["paket", "pack"],
            Msg::MarkDue => ["jatuh tempo", "due"],
            Msg::MarkFailed => ["gagal", "failed"],
            Msg::MarkNew => ["baru", "new"],
            Msg::MarkPassed => ["lulus", "passed"],
            Msg::DrillsCount => [
                "{0} dari {1} lulus · {2} jatuh tempo",
                "{0} of {1} passed · {2} due",
            ],
            Msg::DrillsView => [
                "urutan: {0} (o) · status: {1} (f) · kata: {2} (/)",
                "order: {0} (o) · status: {1} (f) · words: {2} (/)",
            ],
            Msg::DrillsAll => ["semua", "all"],
            Msg::DrillsNoWords => ["—", "—"],
            Msg::DrillsLessonFilter => ["hanya bagian {0}", "section {0} only"],
            Msg::DrillsNoneShown => [
                "Tidak ada latihan yang cocok. Esc menghapus filter.",
                "No drill matches. Esc clears the filters.",
            ],
            Msg::DrillsWordsPrompt => ["Saring: ", "Filter: "],
            Msg::HintsDrillsWords => [
                "judul, jenis, keterampilan, pelajaran, ★3 · Enter saring · Esc batal",
                "title, kind, skill, lesson, ★3 · Enter filter · Esc cancel",
            ],
            Msg::NextStart => [
                "▶ Mulai di sini: {0} — tekan n",
                "▶ Start here: {0} — press n",
            ],
            Msg::NextContinue => ["▶ Lanjutkan: {0} — tekan n", "▶ Continue: {0} — press n"],
            Msg::NextReviews => [
                "▶ {0} ulangan jatuh tempo (terlama sejak {1} lalu) — n memulainya",
                "▶ {0 review|reviews} due (the oldest since {1}) — n starts them",
            ],
            Msg::NextPractise => [
                "▶ Latih keterampilan terlemah, {0}: {1} — tekan n",
                "▶ Practise your weakest skill, {0}: {1} — press n",
            ],
            Msg::NextDone => [
                "✓ Semua bagian sudah dibaca dan tidak ada ulangan jatuh tempo.",
                "✓ Every section read and no review due.",
            ],
            Msg::SpanDays => ["{0} hari", "{0 day|days}"],
            Msg::SpanHours => ["{0} jam", "{0 hour|hours}"],
            Msg::SpanMinutes => ["{0} menit", "{0 minute|minutes}"],
            Msg::KeyNext => [
                "berikutnya: ulangan jatuh tempo, bagian belum dibaca, keterampilan terlemah",
                "what next: reviews due, the next unread section, the weakest skill",
            ],
            Msg::LessonEndNext => ["] berikutnya: {0}", "] next: {0}"],
            Msg::LessonEndPractise => [
                "d latih bagian ini: {0} latihan",
                "d practise this section: {0 drill|drills}",
            ],
            Msg::LessonEndLast => [
                "Akhir bagian terakhir · Esc kembali",
                "End of the last section · Esc back",
            ],
            Msg::KeySection => ["bagian berikutnya / sebelumnya", "next / previous section"],
            Msg::KeyPractiseSection => [
                "latihan bagian ini (daftar latihan tersaring)",
                "this section's drills (the drill list, filtered)",
            ],
            Msg::NextSameLesson => [
                "→ Berikutnya, pelajaran yang sama: {0} — tekan n",
                "→ Next, same lesson: {0} — press n",
            ],
            Msg::NextSameSkill => [
                "→ Berikutnya, keterampilan yang sama ({0}): {1} — tekan n",
                "→ Next, same skill ({0}): {1} — press n",
            ],
            Msg::ResumeDue => [
                "{0} ulangan jatuh tempo · Esc ke beranda, n memulainya",
                "{0 review|reviews} due · Esc for home, then n starts them",
            ],
            Msg::KeyListOrder => [
                "urutan latihan: pelajaran, tingkat, jenis, status, paket",
                "order the drills: lesson, difficulty, kind, status, pack",
            ],
            Msg::KeyListStanding => [
                "saring status: jatuh tempo, gagal, baru, lulus",
                "filter by status: due, failed, new, passed",
            ],
            Msg::KeyListWords => [
                "saring dengan kata (judul, jenis, keterampilan, pelajaran, ★3); Esc menghapus",
                "filter by words (title, kind, skill, lesson, ★3); Esc clears",
            ],
            Msg::NoDrills => [
                "Paket ini belum berisi latihan.",
                "This pack has no drills yet.",
            ],
            Msg::HintsHomeDrills => [
                "Enter mulai · n lanjut · o urutan · f status · / saring · p progres · ? bantuan",
                "Enter start · n next · o order · f status · / filter · p progress · ? help",
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
                "n lanjut · ↑↓ probe · PgUp/PgDn gulir · r ulangi · o pelajaran · Esc kembali",
                "n next · ↑↓ probe · PgUp/PgDn scroll · r retry · o lesson · Esc back · ? help",
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
            Msg::TimelineTitle => ["Linimasa {0} → {1}", "Timeline {0} → {1}"],
            Msg::TimelineEvents => ["peristiwa", "events"],
            Msg::TimelineLegend => [
                "━ sesuai harapan · × rusak · ● momen yang dinilai",
                "━ holds · × broken · ● graded moment",
            ],
            Msg::PathOf => ["Jalur {0}", "Path of {0}"],
            Msg::LinkEncrypted => ["terenkripsi", "encrypted"],
            Msg::LinkPlain => ["tak terenkripsi", "plain"],
            Msg::IdentitySeen => ["identitas {0}", "identity {0}"],
            Msg::HopAllow => ["izinkan", "allow"],
            Msg::HopAnswer => ["jawab", "answer"],
            Msg::HopDeny => ["tolak", "deny"],
            Msg::HopDnat => ["dnat", "dnat"],
            Msg::HopDrop => ["drop", "drop"],
            Msg::HopForward => ["teruskan", "forward"],
            Msg::HopOk => ["ok", "ok"],
            Msg::HopPass => ["lewat", "pass"],
            Msg::HopRefuse => ["tolak koneksi", "refuse"],
            Msg::HopReject => ["tampik", "reject"],
            Msg::HopReset => ["reset", "reset"],
            Msg::HopRetry => ["retry", "retry"],
            Msg::HopRoute => ["rute", "route"],
            Msg::HopSend => ["kirim", "send"],
            Msg::HopSlow => ["lambat", "slow"],
            Msg::HopTimeout => ["timeout", "timeout"],
            Msg::HopRedirect => ["alihkan", "redirect"],
            Msg::HopMirror => ["mirror", "mirror"],
            Msg::HopRewrite => ["ubah", "rewrite"],
            Msg::HopTls => ["tls", "tls"],
            Msg::DeniedHere => ["✗ ditolak di sini", "✗ denied here"],
            Msg::DroppedHere => ["✗ dibuang di sini", "✗ dropped here"],
            Msg::ResetHere => ["✗ diputus di sini", "✗ reset here"],
            Msg::ClientSees => ["Klien melihat: {0}", "The client sees: {0}"],
            Msg::OutcomeHttp => ["HTTP {0}", "HTTP {0}"],
            Msg::OutcomeReset => ["koneksi diputus (reset)", "connection reset"],
            Msg::OutcomeRefused => ["koneksi ditolak", "connection refused"],
            Msg::OutcomeDnsFailure => [
                "nama tidak bisa di-resolve (Could not resolve host)",
                "the name does not resolve (Could not resolve host)",
            ],
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
            Msg::HintsResultNoProbes => [
                "n lanjut · ↑↓ gulir · PgUp/PgDn halaman · r ulangi · o pelajaran · Esc kembali",
                "n next · ↑↓ scroll · PgUp/PgDn page · r retry · o lesson · Esc back · ? help",
            ],
            Msg::HintsResultSessionNoProbes => [
                "n berikutnya · ↑↓ gulir · PgUp/PgDn halaman · r ulangi · o pelajaran · Esc sesi",
                "n next drill · ↑↓ scroll · PgUp/PgDn page · r retry · o lesson · Esc session",
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
                "another meshlab has held the lock {0} for over {1 second|seconds}",
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
                "Streak: {0 day|days} (longest {1})",
            ],
            Msg::ProgressDue => ["Jatuh tempo untuk diulang: {0}", "Due for review: {0}"],
            Msg::ProgressDueSince => ["jatuh tempo sejak {0} lalu", "due since {0}"],
            Msg::ProgressDueIn => ["jatuh tempo dalam {0}", "due in {0}"],
            Msg::ProgressUpcoming => [
                "Ulangan berikutnya dalam {0} ({1} terjadwal):",
                "Next review in {0} ({1} scheduled):",
            ],
            Msg::ProgressAttempts => ["Percobaan tercatat: {0}", "Attempts recorded: {0}"],
            Msg::ProgressColSkill => ["Keterampilan", "Skill"],
            Msg::ProgressColAttempts => ["Percobaan", "Attempts"],
            Msg::ProgressColAccuracy => ["Akurasi", "Accuracy"],
            Msg::ProgressColTime => ["Waktu", "Time"],
            Msg::DurationHours => ["{0} jam", "{0} h"],
            Msg::DurationMinutes => ["{0} menit", "{0} min"],
            Msg::DurationSeconds => ["{0} detik", "{0} s"],
            Msg::ProgressExported => [
                "{0} percobaan diekspor ke {1}",
                "Exported {0 attempt|attempts} to {1}",
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
                "Removed {0 attempt|attempts} of {1 drill|drills}:",
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
            Msg::CliCompletions => [
                "Cetak skrip pelengkapan shell (bash, zsh, fish …)",
                "Print the shell completion script (bash, zsh, fish …)",
            ],
            Msg::CliShell => ["Shell tujuan", "The shell to complete for"],
            Msg::CliMan => [
                "Cetak halaman manual (roff): meshlab man > meshlab.1",
                "Print the manual page (roff): meshlab man > meshlab.1",
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
            Msg::HintsDrillDebugging => [
                "Enter nilai · i konsol · h petunjuk · o pelajaran · Esc kembali · ? bantuan",
                "Enter grade · i console · h hint · o lesson · Esc back · ? help",
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
                "di hasil: latihan berikutnya (di sesi: pilihan sesi)",
                "in the result: the next drill (in a session: the session's pick)",
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
            Msg::SummarySkills => ["Keterampilan yang dilatih", "Skills practiced"],
            Msg::SummaryNothing => [
                "Tidak ada latihan yang dinilai di sesi ini.",
                "No drill was graded in this session.",
            ],
            Msg::SessionPickReview => [
                "Ulangan {0} dari {1} · jatuh tempo sejak {2} lalu",
                "Review {0} of {1} · due since {2}",
            ],
            Msg::SessionPickWeakest => [
                "Latihan {0} sesi ini · keterampilan terlemah: {1}",
                "Drill {0} of the session · weakest skill: {1}",
            ],
            Msg::SessionPickNext => ["Latihan {0} sesi ini", "Drill {0} of the session"],
            Msg::SessionPickKeys => [
                "n lewati · x kubur sampai besok",
                "n skips · x buries for today",
            ],
            Msg::SummarySkipped => ["Dilewati atau dikubur: {0}", "Skipped or buried: {0}"],
            Msg::SummaryNextDue => [
                "Ulangan berikutnya jatuh tempo dalam {0}; {1} ulangan dalam seminggu.",
                "The next review falls due in {0}; {1 review|reviews} within a week.",
            ],
            Msg::SummaryNoneScheduled => [
                "Belum ada ulangan yang dijadwalkan.",
                "No review is scheduled yet.",
            ],
            Msg::KeySkip => [
                "dalam sesi: lewati latihan ini (kembali sejam lagi)",
                "in a session: skip this drill (it comes back in an hour)",
            ],
            Msg::KeyBury => [
                "dalam sesi: kubur latihan ini sampai besok",
                "in a session: bury this drill until tomorrow",
            ],
            Msg::HowTuiChoose => [
                "Pilih dengan ↑↓, Enter (atau s) menjawab.",
                "Pick with ↑↓; Enter (or s) answers.",
            ],
            Msg::HowTuiDiagnose => [
                "Tekan i untuk menyelidiki: konsol menjalankan perintah kubectl, hubble, linkerd, istioctl, dan cilium pada kluster ini (Tab melengkapi). Lalu pilih akar masalah dengan ↑↓ dan Enter, kemudian perbaikannya.",
                "Press i to investigate: the console runs kubectl, hubble, linkerd, istioctl and cilium commands against this cluster (Tab completes). Then pick the root cause with ↑↓ and Enter, then the fix.",
            ],
            Msg::HowTuiAudit => [
                "Tekan i untuk menyelidiki: konsol menjalankan perintah kubectl, hubble, linkerd, istioctl, dan cilium pada kluster ini (Tab melengkapi). Lalu pilih putusan, identitas, dan sumber bukti dengan ↑↓ dan Enter.",
                "Press i to investigate: the console runs kubectl, hubble, linkerd, istioctl and cilium commands against this cluster (Tab completes). Then pick a verdict, an identity and an evidence source with ↑↓ and Enter.",
            ],
            Msg::HowTuiAuditPick => [
                "Pilih putusan, identitas, dan sumber bukti dengan ↑↓ dan Enter.",
                "Pick a verdict, an identity and an evidence source with ↑↓ and Enter.",
            ],
            Msg::HowTuiNumber => [
                "Ketik angkanya (0–9, ⌫ menghapus), lalu Enter.",
                "Type the number (0–9, ⌫ deletes), then Enter.",
            ],
            Msg::HowTuiOrder => [
                "Pilih fase dengan ↑↓, pindahkan dengan K/J; Enter menilai urutannya.",
                "Pick a phase with ↑↓, reorder with K/J; Enter grades the order.",
            ],
            Msg::HowTuiAdr => [
                "Enter membuka editor ADR; Ctrl+G menilainya.",
                "Enter opens the ADR editor; Ctrl+G grades it.",
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
                "the files written differ from those read; install canceled",
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
            Msg::ReportColPoints => ["Poin", "Points"],
            Msg::ReportColHints => ["Petunjuk", "Hints"],
            Msg::ReportColLate => ["Terlambat", "Late"],
            Msg::ReportLateYes => ["terlambat", "late"],
            Msg::ReportDue => [
                "Batas waktu: {0} · {1} kiriman terlambat",
                "Due: {0} · {1} late submissions",
            ],
            Msg::ReportHardest => [
                "Latihan tersulit bagi kelas",
                "Exercises the class found hardest",
            ],
            Msg::ReportNoneHard => [
                "Semua latihan lulus oleh semua peserta.",
                "Every learner passed every exercise.",
            ],
            Msg::ReportHardRow => [
                "{0}: lulus {1}/{2}, rata-rata {3}, {4} petunjuk dibuka",
                "{0}: {1}/{2} passed, mean grade {3}, {4} hints opened",
            ],
            Msg::ResultHintPenalty => ["{0} petunjuk: {1} → {2}", "{0} hints: {1} → {2}"],
            Msg::FeedbackTitle => [
                "Umpan balik untuk {0} — {1} {2}",
                "Feedback for {0} — {1} {2}",
            ],
            Msg::FeedbackSummary => [
                "Poin: {0}/{1} · lulus {2} dari {3} latihan · {4} petunjuk dibuka",
                "Points: {0}/{1} · {2} of {3} exercises passed · {4} hints opened",
            ],
            Msg::FeedbackLate => [
                "Kiriman ini dibuat setelah batas waktu ({0}).",
                "This submission was made after the due date ({0}).",
            ],
            Msg::FeedbackExercise => [
                "Nilai {0}/100 · poin {1}/{2} · {3} petunjuk",
                "Grade {0}/100 · points {1}/{2} · {3} hints",
            ],
            Msg::FeedbackAnsweredLate => [
                "Jawaban ini diberikan setelah batas waktu.",
                "This answer was given after the due date.",
            ],
            Msg::FeedbackRead => [
                "Baca: {0} (`meshlab lesson show {1}`)",
                "Read: {0} (`meshlab lesson show {1}`)",
            ],
            Msg::CliFeedback => [
                "Tulis berkas umpan balik Markdown per peserta ke DIR",
                "Write a Markdown feedback file per learner into DIR",
            ],
            Msg::FeedbackWritten => [
                "{0} berkas umpan balik ditulis ke {1}",
                "Wrote {0} feedback files to {1}",
            ],
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
                "terjemahan `{0}` kosong: {1}",
                "missing `{0}` translation: {1}",
            ],
            Msg::PackBuilt => [
                "Arsip {0} dibuat untuk peserta: {1} berkas tanpa kunci jawaban, checksum {2}",
                "Built {0} for learners: {1 file|files}, no answer key, checksum {2}",
            ],
            Msg::PackBuiltInstructor => [
                "{0} ditulis untuk instruktur: {1} berkas, termasuk kunci jawaban (checksum {2}); jangan bagikan ke peserta",
                "wrote {0} for the instructor: {1 file|files}, answer key included (checksum {2}); do not hand it to learners",
            ],
            Msg::ClassNeedsInstructor => [
                "paket {0} ini adalah arsip peserta (tanpa kunci jawaban): nilai kelas dengan arsip `pack build --instructor` atau folder sumbernya",
                "this {0} pack is the learners' archive (no answer key): grade the class with the `pack build --instructor` archive or the source folder",
            ],
            Msg::CliStrict => [
                "Peringatan (terjemahan kosong, yang tidak dimodelkan, kebijakan yang tidak memilih apa pun) dihitung sebagai kesalahan, untuk CI",
                "Count warnings (missing translations, what is not modeled, policies that select nothing) as errors, for CI",
            ],
            Msg::CliInstructor => [
                "Arsip instruktur: dengan [[checks]], jawaban acuan, dan catatan (untuk menilai kelas); tanpanya, arsip peserta",
                "The instructor's archive: with [[checks]], reference answers and notes (to grade a class); without it, the learners' archive",
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
            Msg::DrillsPackAbout => ["{0} {1} · {2} latihan", "{0} {1} · {2 drill|drills}"],
            Msg::HintsHomePacks => [
                "Enter mulai · n lanjut · [ ] paket · o urutan · f status · / saring · ? bantuan",
                "Enter start · n next · [ ] pack · o order · f status · / filter · ? help",
            ],
            Msg::KeyPack => [
                "paket berikutnya / sebelumnya (daftar latihan)",
                "next / previous pack (drill list)",
            ],
            Msg::DrillsPackBroken => [
                "tidak bisa dimuat ({1} masalah) · periksa: meshlab pack validate {0}",
                "does not load ({1 problem|problems}) · check: meshlab pack validate {0}",
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
            Msg::ExerciseBadVariant => [
                "variasi latihan tidak bisa dibuat: {0}",
                "a variant of the drill cannot be made: {0}",
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
            Msg::VariantSameQuestion => [
                "variasi {0} (`--variant {1}`) menanyakan soal yang sama dengan latihan tertulis",
                "variant {0} (`--variant {1}`) asks the written drill's question again",
            ],
            Msg::VariantCannotGrade => [
                "variasi {0} (`--variant {1}`) tidak bisa dinilai: {2}",
                "variant {0} (`--variant {1}`) cannot be graded: {2}",
            ],
            Msg::VariantNoReference => [
                "variasi {0} (`--variant {1}`): tidak ada jawaban yang bernilai {2}",
                "variant {0} (`--variant {1}`): no answer grades {2}",
            ],
            Msg::VariantNoWrongAnswer => [
                "variasi {0} (`--variant {1}`): setiap jawaban bernilai {2}; tidak ada jawaban salah",
                "variant {0} (`--variant {1}`): every answer grades {2}; there is no wrong answer",
            ],
            Msg::VariantTestsNothing => [
                "variasi {0} (`--variant {1}`): setiap probe sudah lolos tanpa jawaban apa pun",
                "variant {0} (`--variant {1}`): every probe already holds with no answer applied",
            ],
            Msg::SelfTestTestsNothing => [
                "setiap probe sudah lolos tanpa jawaban apa pun: latihan ini tidak menguji apa-apa",
                "every probe already holds with no answer applied: the exercise tests nothing",
            ],
            Msg::ValidateWarning => ["peringatan: {0}", "warning: {0}"],
            Msg::ValidateNoReference => [
                "tidak ada jawaban acuan bernilai {0} di [[checks]]: tambahkan jawaban terbaik (atau `best_grade` bila desainnya tidak bisa memenuhi semua persyaratan)",
                "no reference answer grading {0} in [[checks]]: add the best answer (or `best_grade` when the design cannot meet every requirement)",
            ],
            Msg::ValidateNoWrongAnswer => [
                "tidak ada jawaban salah yang gagal (di bawah {0}) di [[checks]]: tambahkan satu, atau `wrong_answer_optional = true`",
                "no known-wrong answer that fails (below {0}) in [[checks]]: add one, or `wrong_answer_optional = true`",
            ],
            Msg::ValidateUnknownLesson => [
                "lesson `{0}` tidak ada di kursus maupun di lessons/ paket ini",
                "lesson `{0}` is neither in the course nor in this pack's lessons/",
            ],
            Msg::ValidateDoesNotLoad => [
                "{0}: manifest tidak bisa dimuat: {1}",
                "{0}: the manifests do not load: {1}",
            ],
            Msg::ValidateUnknownOutcome => [
                "`outcome = \"{0}\"` bukan bentuk yang dikenal meshlab (ok, http-error, reset, refused, timeout, dns-failure, status HTTP seperti \"403\", grpc-permission-denied)",
                "`outcome = \"{0}\"` is not a shape meshlab knows (ok, http-error, reset, refused, timeout, dns-failure, an HTTP status such as \"403\", grpc-permission-denied)",
            ],
            Msg::ValidateStrict => [
                "{0}: {1} peringatan dihitung sebagai kesalahan (--strict)",
                "{0}: {1} warnings count as errors (--strict)",
            ],
            Msg::LintSelectsNothing => [
                "{0} {1} tidak memilih pod apa pun: tidak mengubah apa-apa",
                "{0} {1} selects no pod: it changes nothing",
            ],
            Msg::LintUnknownPrincipal => [
                "{0} {1} menyebut {2}, yang tidak dipakai pod mana pun",
                "{0} {1} names {2}, which no pod runs as",
            ],
            Msg::ExerciseBadProtocol => [
                "probe `{0}`: protokol `{1}` bukan TCP, UDP, SCTP, atau ICMP",
                "probe `{0}`: protocol `{1}` is not TCP, UDP, SCTP or ICMP",
            ],
            Msg::ExerciseFeedbackEmpty => [
                "setiap [[feedback]] butuh `text` dan setidaknya satu dari number, part, verdict, identity, evidence, outage",
                "each [[feedback]] needs `text` and at least one of number, part, verdict, identity, evidence, outage",
            ],
            Msg::ExerciseFeedbackKind => [
                "[[feedback]] `{0}` tidak berlaku untuk latihan jenis ini",
                "[[feedback]] `{0}` does not apply to this kind of exercise",
            ],
            Msg::ExerciseFeedbackPhase => [
                "[[feedback]] menyebut fase `{0}`, yang tidak ada",
                "[[feedback]] names phase `{0}`, which does not exist",
            ],
            Msg::ExerciseRubricRequires => [
                "rubric `{0}` membutuhkan persyaratan `{1}`, yang tidak ada",
                "rubric `{0}` requires requirement `{1}`, which does not exist",
            ],
            Msg::ExerciseExactNoRequest => [
                "persyaratan `{0}`: `rollback-within` tidak mengirim permintaan, jadi tidak ada jawaban untuk diperiksa",
                "requirement `{0}`: `rollback-within` sends no request, so there is no answer to check",
            ],
            Msg::ExerciseBadDesign => [
                "design `{0}` bukan salah satu dari: {1}",
                "design `{0}` is not one of: {1}",
            ],
            Msg::ExercisePassMark => [
                "pass_mark adalah nilai dari 0 sampai 100",
                "pass_mark is a grade from 0 to 100",
            ],
            Msg::AuditWeightsZero => [
                "bobot audit semuanya 0: tidak ada yang bisa dinilai",
                "every audit weight is 0: nothing can earn a grade",
            ],
            Msg::PackPassMark => [
                "pass_mark adalah nilai dari 0 sampai 100",
                "pass_mark is a grade from 0 to 100",
            ],
            Msg::PackBadDue => [
                "due `{0}` bukan waktu RFC 3339 (2025-06-30T23:59:00+07:00) atau tanggal (2025-06-30)",
                "due `{0}` is not an RFC 3339 time (2025-06-30T23:59:00+07:00) or a date (2025-06-30)",
            ],
            Msg::SubmissionWritten => [
                "{0} ditulis: {1} jawaban, {2} percobaan",
                "Wrote {0}: {1 answer|answers}, {2 attempt|attempts}",
            ],
            Msg::SubmissionsNone => ["tidak ada kiriman (*.json)", "no submissions (*.json)"],
            Msg::SubmissionsTooMany => ["lebih dari {0} kiriman", "more than {0} submissions"],
            Msg::SubmissionsRejected => {
                ["{0} kiriman ditolak", "{0 submission|submissions} rejected"]
            }
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
                "your pick {0}: {1 point|points}; top score {2} ({3})",
            ],
            Msg::Phases => ["Fase", "Phases"],
            Msg::AdoptionStep => ["langkah {0}: {1}", "step {0}: {1}"],
            Msg::AdoptionOutage => ["gangguan: {0}", "outage: {0}"],
            Msg::AdoptionPremature => [
                "dimulai sebelum prasyaratnya terbukti: {0}",
                "started before its prerequisites were proven: {0}",
            ],
            Msg::AdoptionBlast => ["blast radius: {0}", "blast radius: {0}"],
            Msg::BlastRestarted => [
                "{0} workload di-restart ({1})",
                "{0 workload|workloads} restarted ({1})",
            ],
            Msg::BlastCut => [
                "trafik ambient {0} workload terputus ({1})",
                "ambient traffic of {0 workload|workloads} cut ({1})",
            ],
            Msg::BlastNone => [
                "tidak ada workload yang di-restart atau terputus",
                "no workload restarted or cut",
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
                "↑↓ pilih · K/J pindahkan · Enter jawab · h petunjuk · o pelajaran · Esc kembali",
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
            Msg::AdrRubricVoided => [
                "tidak dihitung: simulator menunjukkan keputusan ini melanggar {0}",
                "not counted: the simulator shows the decision breaks {0}",
            ],
            Msg::AdrHardBroken => [
                "persyaratan wajib gagal ({0}): ADR ini tidak lulus, apa pun nilai bagian lainnya",
                "hard requirement broken ({0}): this ADR fails whatever its other points",
            ],
            Msg::AdrRequirementsHeading => [
                "Persyaratan (diperiksa simulator)",
                "Requirements (checked by the simulator)",
            ],
            Msg::AdrRubricHeading => ["Rubrik prosa", "Prose rubric"],
            Msg::AdrPoints => ["{0} poin", "{0 point|points}"],
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
            // Manifest drills (drill::manifest).
            Msg::KindManifest => ["manifest", "manifest"],
            Msg::ExerciseNeedsManifestChecks => [
                "latihan manifest butuh `probes` atau `requirements`: yang dijalankan sebelum dan sesudah jawaban",
                "a manifest drill needs `probes` or `requirements`: what runs before and after the answer",
            ],
            Msg::CheckUnknownManifest => [
                "check menyebut manifest `{0}`, yang bukan berkas paket",
                "check names manifest `{0}`, which is not a file of the pack",
            ],
            Msg::ExerciseFeedbackProbe => [
                "feedback menyebut probe `{0}`, yang bukan probe atau requirement latihan ini",
                "feedback names probe `{0}`, which is no probe or requirement of this exercise",
            ],
            Msg::ManifestEmpty => [
                "Jawaban ini tidak berisi objek apa pun (hanya komentar?): tidak ada yang diterapkan.",
                "This answer holds no object (only comments?): nothing was applied.",
            ],
            Msg::ManifestWarning => ["{0}: peringatan: {1}", "{0}: warning: {1}"],
            Msg::ManifestRejected => ["{0}: ditolak: {1}", "{0}: rejected: {1}"],
            Msg::ManifestGoals => [
                "Persyaratan: {0} dari {1} pemeriksaan yang gagal sebelum jawaban kini terpenuhi",
                "Requirement: {0} of {1} checks that failed before the answer now hold",
            ],
            Msg::ManifestNoCollateral => [
                "Tidak ada kerusakan ikutan: semua yang terpenuhi sebelumnya masih terpenuhi.",
                "No collateral damage: everything that held before still holds.",
            ],
            Msg::ManifestCollateralList => [
                "Kerusakan ikutan (terpenuhi sebelumnya, rusak sekarang): {0}",
                "Collateral damage (held before, broken now): {0}",
            ],
            Msg::ManifestCollateral => [
                "kerusakan ikutan: terpenuhi sebelum jawaban ini; sekarang {0}",
                "collateral damage: held before this answer; now {0}",
            ],
            Msg::AnswerManifest => [
                "Jawabannya adalah manifest Kubernetes asli (YAML, boleh beberapa dokumen dipisah `---`) untuk mesh latihan ini; manifest itu dimuat di atas skenario dan probe dijalankan sebelum dan sesudahnya.",
                "The answer is real Kubernetes manifests (YAML, several documents separated by `---` allowed) for this drill's mesh; they are loaded on top of the scenario and the probes run before and after.",
            ],
            Msg::ManifestStarterNote => [
                "Tulis manifest di bawah, lalu: {0}",
                "Write the manifests below, then: {0}",
            ],
            Msg::HowTuiManifest => [
                "Enter membuka editor YAML berisi kerangka awal; Ctrl+S menyimpan dan menjalankan probe; Ctrl+G menilai.",
                "Enter opens the YAML editor with the starter skeleton; Ctrl+S saves and runs the probes; Ctrl+G grades.",
            ],
            Msg::HowTuiDebugging => [
                "Tekan i untuk konsol. Jalankan perintah, lalu ketik `found N FAKTA` untuk menjawab pertanyaan N dengan perintah itu dan fakta (sepotong satu baris output-nya). Esc menutup konsol; Enter menilai.",
                "Press i for the console. Run a command, then type `found N FACT` to answer question N with that command and the fact (a piece of one line of its output). Esc closes the console; Enter grades.",
            ],
            Msg::DebuggingNoFinding => [
                "Belum ada jawaban: di konsol (i), jalankan perintah lalu ketik `found N FAKTA`.",
                "No answer yet: in the console (i), run a command, then type `found N FACT`.",
            ],
            Msg::DebuggingQuestionRow => ["{0}. {1}", "{0}. {1}"],
            Msg::ConsoleFound => [
                "jawaban pertanyaan {0} dicatat: `{1}` → {2}",
                "answer to question {0} recorded: `{1}` → {2}",
            ],
            Msg::ConsoleFoundNoCommand => [
                "jalankan perintah dulu: `found` mencatat apa yang ditunjukkan perintah terakhir",
                "run a command first: `found` records what the last command showed",
            ],
            Msg::ConsoleFoundUsage => [
                "`found N FAKTA`: N nomor pertanyaan dari 1 sampai {0}, FAKTA sepotong satu baris output perintah terakhir",
                "`found N FACT`: N is a question number from 1 to {0}, FACT a piece of one line of the last command's output",
            ],
            Msg::ManifestWriteFile => [
                "Enter membuka editor YAML berisi kerangka awal. Setiap kali disimpan, panel \"Probe sekarang\" menjalankan probe pada skenario dengan manifest Anda. s menilai draf, e membukanya di $EDITOR. Dari shell: meshlab grade {0} --answer {0}.yaml",
                "Enter opens the YAML editor with the starter skeleton. Every save runs the probes on the scenario with your manifests in the \"Probes now\" panel. s grades the draft, e opens it in $EDITOR. From a shell: meshlab grade {0} --answer {0}.yaml",
            ],
            Msg::ManifestProbesNow => ["Probe sekarang", "Probes now"],
            Msg::ManifestProbesNowEmpty => [
                "Simpan (Ctrl+S) untuk menjalankan probe pada manifest ini.",
                "Save (Ctrl+S) to run the probes on these manifests.",
            ],
            Msg::ManifestSaved => ["Manifest disimpan: {0}", "Manifest saved: {0}"],
            Msg::HintsManifestEditor => [
                "Ctrl+G nilai · Ctrl+S simpan+probe · F2 panel · Esc tutup · F1 ?",
                "Ctrl+G grade · Ctrl+S save+probes · F2 panel · Esc close · F1 help",
            ],
            Msg::SimRetriesBeyondFirst => [
                "retry di luar percobaan pertama",
                "retries beyond the first tries",
            ],
            // sim cost
            Msg::CostWhatIfSidecars => [
                "Desain A dan Istio sidecar: aturan L7 tidak menambah proxy, karena setiap sidecar sudah mem-parse HTTP; yang bertambah hanya kerja per request di proxy yang sama (tidak dimodelkan)",
                "Design A and Istio sidecar: L7 rules add no proxy, since every sidecar already parses HTTP; only the work per request in the same proxies grows (not modeled)",
            ],
            Msg::CostNumberPrompt => ["Perkiraan Anda: ", "Your estimate: "],
            Msg::KindCost => ["biaya sumber daya", "resource cost"],
            Msg::KindDebugging => ["soal debugging", "debug questions"],
            Msg::DebuggingFinding => ["`{0}` → {1}", "`{0}` → {1}"],
            Msg::DebuggingUnanswered => ["belum dijawab", "not answered"],
            Msg::DebuggingWrongFact => [
                "fakta itu tidak menjawab pertanyaan ini",
                "that fact does not answer this question",
            ],
            Msg::DebuggingDidNotRun => [
                "perintah itu tidak berjalan di konsol (ketik `help` untuk daftar perintah)",
                "that command did not run in the console (type `help` for the commands)",
            ],
            Msg::DebuggingNotInOutput => [
                "output perintah itu tidak menunjukkan fakta tersebut: perintah itu tidak bisa menjawab pertanyaan ini",
                "that command's output does not show the fact: it cannot answer this question",
            ],
            Msg::DebuggingNeedsQuestions => [
                "latihan debugging memerlukan [[questions]]",
                "a debugging drill needs [[questions]]",
            ],
            Msg::DebuggingQuestionTwice => [
                "pertanyaan `{0}` muncul dua kali",
                "question `{0}` appears twice",
            ],
            Msg::DebuggingNeedsFacts => [
                "pertanyaan `{0}` memerlukan `facts`: apa yang menjawabnya",
                "question `{0}` needs `facts`: what answers it",
            ],
            Msg::ExerciseNeedsCost => [
                "latihan cost butuh [cost]: skenario, desain, dan besaran yang ditanyakan",
                "a cost drill needs [cost]: the scenario, the design and the quantity asked",
            ],
            Msg::CostExpected => [
                "Angka model: {0} (diterima {1})",
                "The model's figure: {0} (accepted {1})",
            ],
            Msg::CostSeeModel => [
                "Rinciannya per komponen dan per node, dengan sumber setiap angka: {0}",
                "Per component and per node, with every figure's source: {0}",
            ],
            Msg::CliSimCost => [
                "Berapa CPU dan memori yang dipakai data plane tiap desain mesh, dari angka yang diterbitkan (dengan sumbernya)",
                "What each mesh design's data plane costs in CPU and memory, from published figures (with their sources)",
            ],
            Msg::SimArgCostPaths => [
                "Skenario (TOML, atau nama skenario bawaan), atau berkas dan direktori manifest",
                "A scenario (TOML, or a built-in scenario's name), or manifest files and directories",
            ],
            Msg::SimArgRps => [
                "Request per detik untuk setiap aliran, menggantikan laju skenario (manifest saja: per Service, bawaan 1000)",
                "Requests per second for every stream, instead of the scenario's rates (bare manifests: per Service, default 1000)",
            ],
            Msg::CostHeader => [
                "Biaya sumber daya: {0}, {1} aliran, {2} request per detik",
                "Resource cost: {0}, {1 stream|streams}, {2} requests per second",
            ],
            Msg::CostRatesScenario => ["(laju traffic skenario)", "(the scenario's traffic rates)"],
            Msg::CostRatesFixed => [
                "(setiap aliran skenario pada {0} request per detik)",
                "(every stream of the scenario at {0} requests per second)",
            ],
            Msg::CostRatesInbound => [
                "(setiap Service menerima {0} request per detik dari luar cluster: hanya data plane sisi server yang dibebankan)",
                "(every Service receives {0} requests per second from outside the cluster: only the serving side's data plane is charged)",
            ],
            Msg::CostThisDesign => ["Desain ini (mesh: {0})", "This design (mesh: {0})"],
            Msg::CostNothingRuns => [
                "tidak ada komponen data plane yang berjalan",
                "no data-plane component runs",
            ],
            Msg::CostColComponent => ["komponen", "component"],
            Msg::CostColInstance => ["instance", "instance"],
            Msg::CostColRps => ["rps", "rps"],
            Msg::CostColVcpu => ["vCPU", "vCPU"],
            Msg::CostColMemory => ["memori MB", "memory MB"],
            Msg::CostColDesign => ["desain", "design"],
            Msg::CostColInstances => ["instance", "instances"],
            Msg::CostPerWorkload => ["Per workload:", "Per workload:"],
            Msg::CostPerNode => ["Per node:", "Per node:"],
            Msg::CostTotal => ["Total: {0} vCPU, {1} MB", "Total: {0} vCPU, {1} MB"],
            Msg::CostUnanswered => [
                "{0} → {1}: tidak dijawab aplikasi; dibebankan untuk hop yang dilewatinya",
                "{0} → {1}: no application answered; charged for the hops it crossed",
            ],
            Msg::CostSideBySide => [
                "Desain berdampingan (manifest dan traffic yang sama; namespace yang labelnya memilih mesh tetap memakai mesh itu)",
                "Designs side by side (the same manifests and traffic; namespaces whose labels choose a mesh keep it)",
            ],
            Msg::CostDesignNone => ["tanpa mesh", "no mesh"],
            Msg::CostDesignA => ["Desain A: Linkerd", "Design A: Linkerd"],
            Msg::CostDesignB => ["Desain B: Cilium", "Design B: Cilium"],
            Msg::CostDesignC => ["Desain C: Istio ambient", "Design C: Istio ambient"],
            Msg::CostDesignSidecar => ["Istio sidecar", "Istio sidecar"],
            Msg::CostAsWritten => ["seperti tertulis", "as written"],
            Msg::CostWhatChanges => ["Apa yang berubah", "What changes"],
            Msg::CostWhatIfWaypoint => [
                "Desain C + satu waypoint di namespace {0}: +{1} vCPU, +{2} MB ({3} request per detik lewat waypoint)",
                "Design C + a waypoint in namespace {0}: +{1} vCPU, +{2} MB ({3} requests per second through a waypoint)",
            ],
            Msg::CostWhatIfWaypointNone => [
                "Desain C: setiap request sudah melewati waypoint, atau tidak ada traffic ambient",
                "Design C: every request already crosses a waypoint, or no traffic is ambient",
            ],
            Msg::CostWhatIfL7 => [
                "Desain B + aturan L7 di setiap tujuan: +{0} vCPU ({1} request per detik lewat Envoy node; Envoy itu sudah berjalan dan dihitung di setiap node)",
                "Design B + L7 rules on every destination: +{0} vCPU ({1} requests per second through the node's Envoy; it already runs, and is counted, on every node)",
            ],
            Msg::CostWhatIfL7None => [
                "Desain B: setiap request sudah melewati Envoy node, atau tidak ada traffic Cilium",
                "Design B: every request already crosses the node's Envoy, or no traffic is on Cilium",
            ],
            Msg::CostFigures => [
                "Angka yang dipakai (diukur pada; sumber; dibaca)",
                "Figures used (measured on; source; read on)",
            ],
            Msg::CostFigurePerLoad => ["{0} vCPU per 1.000 rps", "{0} vCPU per 1,000 rps"],
            Msg::CostFigureFixed => ["{0} vCPU tetap", "{0} vCPU whatever the load"],
            Msg::CostRetrieved => ["dibaca {0}", "read {0}"],
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let [id, en] = self.pair();
        match lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// The message with `{0}`, `{1}` … replaced by `args`. A counted noun is written
    /// `{N one|many}`: the argument, a space, then `one` when the argument is `1`, else `many`
    /// ("{0 day|days}" → "1 day", "3 days"); Indonesian nouns do not change with the count, so
    /// its messages simply write "{0} hari".
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let text = self.text(lang);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let filled = after.find('}').and_then(|close| {
                let token = &after[..close];
                let (index, noun) = token.split_once(' ').unwrap_or((token, ""));
                let arg = args.get(index.parse::<usize>().ok()?)?;
                let word = match noun.split_once('|') {
                    Some((one, _)) if *arg == "1" => format!(" {one}"),
                    Some((_, many)) => format!(" {many}"),
                    None if noun.is_empty() => String::new(),
                    None => return None,
                };
                Some((format!("{arg}{word}"), close))
            });
            match filled {
                Some((value, close)) => {
                    out.push_str(&value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
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
    fn every_footer_fits_80_columns() {
        // The footer is one line after a space: 79 columns are left at 80.
        let footers = [
            Msg::HintsHome,
            Msg::HintsReader,
            Msg::HintsToc,
            Msg::HintsHomeDrills,
            Msg::HintsHomePacks,
            Msg::HintsDrill,
            Msg::HintsDrillNumber,
            Msg::HintsDrillConsole,
            Msg::HintsDrillOrder,
            Msg::HintsAdrDrill,
            Msg::HintsAdrEditor,
            Msg::HintsResult,
            Msg::HintsResultNoProbes,
            Msg::HintsResultSession,
            Msg::HintsResultSessionNoProbes,
            Msg::HintsResultSessionOver,
            Msg::HintsConsole,
            Msg::HintsProgress,
            Msg::HintsProgressSession,
            Msg::HintsSummary,
        ];
        let mut long = Vec::new();
        for msg in footers {
            for lang in Lang::ALL {
                let text = msg.text(lang);
                let width = unicode_width::UnicodeWidthStr::width(text);
                if width > 79 {
                    long.push(format!("{msg:?} {lang:?} is {width} columns: {text}"));
                }
            }
        }
        assert!(long.is_empty(), "{}", long.join("\n"));
    }

    #[test]
    fn durations_carry_their_units() {
        assert_eq!(duration_text(0, Lang::En), "0 s");
        assert_eq!(duration_text(45, Lang::En), "45 s");
        assert_eq!(duration_text(600, Lang::En), "10 min");
        assert_eq!(duration_text(725, Lang::En), "12 min 5 s");
        assert_eq!(duration_text(7500, Lang::En), "2 h 5 min");
        assert_eq!(duration_text(7200, Lang::Id), "2 jam");
        assert_eq!(duration_text(7530, Lang::Id), "2 jam 5 menit");
        assert_eq!(duration_text(61, Lang::Id), "1 menit 1 detik");
    }

    #[test]
    fn counted_nouns_agree_with_their_count() {
        assert_eq!(
            Msg::ProgressStreak.fill(Lang::En, &["1", "1"]),
            "Streak: 1 day (longest 1)"
        );
        assert_eq!(
            Msg::ProgressStreak.fill(Lang::En, &["0", "3"]),
            "Streak: 0 days (longest 3)"
        );
        assert_eq!(Msg::PackInvalid.fill(Lang::En, &["p", "1"]), "p: 1 problem");
        assert_eq!(Msg::PackInvalid.fill(Lang::Id, &["p", "1"]), "p: 1 masalah");
        // Braces that are not a placeholder stay as written.
        assert_eq!(
            Msg::ProgressStreak.fill(Lang::En, &[]),
            "Streak: {0 day|days} (longest {1})"
        );
    }

    #[test]
    fn an_empty_side_shows_the_other_marked_never_nothing() {
        let half = Bilingual {
            id: String::new(),
            en: "Pick a point.".into(),
        };
        assert_eq!(half.get(Lang::Id), "(belum diterjemahkan) Pick a point.");
        assert_eq!(half.get(Lang::En), "Pick a point.");
        let none = Bilingual::default();
        assert_eq!(none.get(Lang::Id), "");
        let other = Bilingual {
            id: "Pilih.".into(),
            en: " ".into(),
        };
        assert_eq!(other.get(Lang::En), "(not translated yet) Pilih.");
    }

    #[test]
    fn translations_differ_where_words_do() {
        assert_ne!(Msg::HomeTitle.text(Lang::Id), Msg::HomeTitle.text(Lang::En));
        assert_eq!(Lang::Id.other(), Lang::En);
    }
}
