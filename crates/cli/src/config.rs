//! The settings file of `--config FILE` (TOML). A flag or an environment variable overrides the file; the file
//! overrides the defaults. Unknown keys are refused, so a misspelt setting is not silently ignored.
//!
//! ```toml
//! database = "postgres://qonys@db.internal:5432/qonys"
//! bind = "0.0.0.0:8080"
//! lang = "ru"
//! log_json = true
//! # Behind a reverse proxy that terminates TLS and sets X-Forwarded-For / X-Forwarded-Proto:
//! trust_proxy = true
//! # Always reached over TLS (HSTS and Secure cookies on every answer):
//! https = true
//! # Who may read /metrics (default: loopback only); a bearer token comes from QONYS_METRICS_TOKEN.
//! metrics_networks = ["10.0.0.0/8", "fd00::/8"]
//!
//! [sign_in]            # limits of guessing (defaults in app::identity::SignInPolicy)
//! codes_per_account = 5
//! code_spacing_seconds = 60
//! ```
//! Secrets (a database password, the metrics token) belong in the environment (`QONYS_DATABASE_URL`,
//! `QONYS_METRICS_TOKEN`), not in the file.

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
    /// The proxy in front is trusted for the client's address and protocol.
    #[serde(default)]
    pub(crate) trust_proxy: bool,
    /// The service is always reached over TLS.
    #[serde(default)]
    pub(crate) https: bool,
    /// Networks (CIDR) that may read `/metrics`; none given means loopback only.
    #[serde(default)]
    pub(crate) metrics_networks: Vec<String>,
    #[serde(default)]
    pub(crate) sign_in: SignIn,
    /// The audit witness folder (required for PostgreSQL; beside the file for SQLite by default).
    pub(crate) audit_witness: Option<std::path::PathBuf>,
    /// The audit signing key's file.
    pub(crate) audit_key: Option<std::path::PathBuf>,
}

/// `[sign_in]`: the limits of `app::identity::SignInPolicy`; each one left out keeps its default.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignIn {
    window_seconds: Option<i64>,
    login_free: Option<u32>,
    login_ceiling_seconds: Option<i64>,
    source_free: Option<u32>,
    source_ceiling_seconds: Option<i64>,
    code_window_seconds: Option<i64>,
    codes_per_account: Option<u32>,
    codes_per_source: Option<u32>,
    code_spacing_seconds: Option<i64>,
    code_tries_per_account: Option<u32>,
    code_tries_per_source: Option<u32>,
}

impl SignIn {
    /// The policy: each value given over `base`.
    pub(crate) fn over(&self, base: &app::identity::SignInPolicy) -> app::identity::SignInPolicy {
        app::identity::SignInPolicy {
            window_seconds: self.window_seconds.unwrap_or(base.window_seconds),
            login_free: self.login_free.unwrap_or(base.login_free),
            login_ceiling_seconds: self.login_ceiling_seconds.unwrap_or(base.login_ceiling_seconds),
            source_free: self.source_free.unwrap_or(base.source_free),
            source_ceiling_seconds: self.source_ceiling_seconds.unwrap_or(base.source_ceiling_seconds),
            code_window_seconds: self.code_window_seconds.unwrap_or(base.code_window_seconds),
            codes_per_account: self.codes_per_account.unwrap_or(base.codes_per_account),
            codes_per_source: self.codes_per_source.unwrap_or(base.codes_per_source),
            code_spacing_seconds: self.code_spacing_seconds.unwrap_or(base.code_spacing_seconds),
            code_tries_per_account: self.code_tries_per_account.unwrap_or(base.code_tries_per_account),
            code_tries_per_source: self.code_tries_per_source.unwrap_or(base.code_tries_per_source),
        }
    }
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
                ..Settings::default()
            }
        );
        let exposed = Settings::parse(
            "trust_proxy = true\nhttps = true\nmetrics_networks = [\"10.0.0.0/8\"]\n[sign_in]\ncodes_per_account = 2\n",
        )
        .expect("valid");
        assert!(exposed.trust_proxy && exposed.https);
        assert_eq!(exposed.metrics_networks, ["10.0.0.0/8"]);
        let policy = exposed.sign_in.over(&app::identity::SignInPolicy::default());
        assert_eq!(
            (policy.codes_per_account, policy.code_spacing_seconds),
            (2, app::identity::SignInPolicy::default().code_spacing_seconds)
        );
        assert_eq!(Settings::parse("").expect("empty is fine"), Settings::default());
        for bad in [
            "datbase = \"x\"",
            "bind = 8080",
            "log_json = \"yes\"",
            "= =",
            "[sign_in]\ncodes = 3",
        ] {
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
