//! The settings file of `--config FILE` (TOML). A flag or an environment variable overrides the file; the file
//! overrides the defaults. Unknown keys are refused, so a misspelt setting is not silently ignored.
//!
//! ```toml
//! database = "postgres://qonys@db.internal:5432/qonys"
//! bind = "0.0.0.0:8080"
//! lang = "ru"
//! log_json = true
//! ```
//! Secrets (a database password) belong in the environment (`QONYS_DATABASE_URL`), not in the file.

use std::path::Path;

use crate::failure::Failure;

pub(crate) const DEFAULT_DATABASE: &str = "sqlite://qonys.db";
pub(crate) const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    pub(crate) database: Option<String>,
    pub(crate) bind: Option<String>,
    pub(crate) lang: Option<String>,
    #[serde(default)]
    pub(crate) log_json: bool,
}

impl Settings {
    pub(crate) fn read(path: &Path) -> Result<Settings, Failure> {
        let text = std::fs::read_to_string(path).map_err(|_| Failure::input("config_unreadable", "--config"))?;
        Settings::parse(&text)
    }

    fn parse(text: &str) -> Result<Settings, Failure> {
        toml::from_str(text).map_err(|_| Failure::input("config_invalid", "--config"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_the_refusals() {
        let all = Settings::parse(
            "database = \"postgres://q@h:5432/q\"\nbind = \"0.0.0.0:9000\"\nlang = \"ru\"\nlog_json = true\n",
        )
        .expect("valid");
        assert_eq!(
            all,
            Settings {
                database: Some("postgres://q@h:5432/q".into()),
                bind: Some("0.0.0.0:9000".into()),
                lang: Some("ru".into()),
                log_json: true,
            }
        );
        assert_eq!(Settings::parse("").expect("empty is fine"), Settings::default());
        for bad in ["datbase = \"x\"", "bind = 8080", "log_json = \"yes\"", "= ="] {
            assert!(
                matches!(
                    Settings::parse(bad),
                    Err(Failure::Input {
                        code: "config_invalid",
                        ..
                    })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            Settings::read(Path::new("/nonexistent/qonys.toml")),
            Err(Failure::Input {
                code: "config_unreadable",
                ..
            })
        ));
    }
}
