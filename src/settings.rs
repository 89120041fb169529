//! Where meshlab reads its settings from: flags, the config file, the environment.

use std::path::PathBuf;

use serde::Deserialize;

use crate::diag::SourceError;
use crate::i18n::{Lang, Msg};

/// Overrides the data directory (progress, reading position); used by tests and portable setups.
pub const DATA_DIR_ENV: &str = "MESHLAB_DATA_DIR";
/// Overrides the config directory.
pub const CONFIG_DIR_ENV: &str = "MESHLAB_CONFIG_DIR";

/// `config.toml` in the config directory. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<Lang>,
}

impl Config {
    pub const FILE: &str = "config.toml";

    /// Reads the config file; a missing file is the default config. Problems are told in
    /// `lang` (the language the flag or the environment asks for: the file's own is unknown).
    pub fn load(lang: Lang) -> Result<Config, SourceError> {
        let Some(dir) = config_dir() else {
            return Ok(Config::default());
        };
        let path = dir.join(Self::FILE);
        let file = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => Config::parse(&file, SourceError::decode(&file, &bytes)?, lang),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(crate::tree::io_error(&path, e)),
        }
    }

    /// The config in `text` (from `file`). A `lang` the learner wrote by hand is checked
    /// first, so its mistakes are said in words rather than in TOML's grammar.
    pub fn parse(file: &str, text: &str, lang: Lang) -> Result<Config, SourceError> {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if let Some((at, value)) = lang_value(line) {
                let quoted = value.len() >= 2
                    && (value.starts_with('"') && value.ends_with('"')
                        || value.starts_with('\'') && value.ends_with('\''));
                let bare = value.trim_matches(|c| c == '"' || c == '\'');
                let message = if !quoted {
                    Some(Msg::ConfigLangUnquoted.fill(lang, &[bare]))
                } else if Lang::from_code(bare).is_none() {
                    Some(Msg::ConfigLangUnknown.fill(lang, &[bare]))
                } else {
                    None
                };
                if let Some(message) = message {
                    return Err(SourceError::at_offset(file, text, offset + at, message));
                }
            }
            offset += line.len();
        }
        toml::from_str(text).map_err(|e| SourceError::from_toml(file, text, 0, &e))
    }
}

/// The value of a `lang = …` line (comment and spaces stripped) and its byte offset in the
/// line; `None` for any other line.
fn lang_value(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start().strip_prefix("lang")?;
    let rest = rest.trim_start().strip_prefix('=')?;
    let value = rest.split('#').next().unwrap_or_default().trim();
    let at = line.len() - rest.trim_start().len();
    Some((at, value))
}

/// The language: the flag, else the config file, else `LC_ALL`/`LANG`, else English.
pub fn resolve_lang(flag: Option<Lang>, config: &Config) -> Lang {
    flag.or(config.lang).unwrap_or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    })
}

/// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
pub fn color_enabled() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "meshlab")
}

pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os(CONFIG_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
}
