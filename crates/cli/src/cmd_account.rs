//! `qonys account set`: creates or changes a sign-in account (audited). The password comes from
//! `QONYS_PASSWORD` or the first line of standard input, never from the command line (it would show in `ps`).

use std::io::BufRead;
use std::process::ExitCode;

use kz::Kato;
use serde_json::json;
use store::{AccountRecord, Accounts, Actor, Admin, Channel, Role};

use crate::failure::Failure;
use crate::output::Out;

pub(crate) fn set(
    login: &str,
    role: &str,
    territory: Option<&str>,
    actor: &str,
    database: &str,
    out: &Out,
) -> Result<ExitCode, Failure> {
    let role = Role::from_key(role.trim()).ok_or_else(|| Failure::input("invalid_role", "--role"))?;
    let territory = territory
        .map(|t| Kato::parse(t.trim()).map_err(|e| Failure::from_code(&e, "--territory")))
        .transpose()?;
    let actor = Actor::new(actor.trim(), Role::Administrator, Channel::Cli)
        .map_err(|_| Failure::input("invalid_account", "--actor"))?;
    Actor::new(login.trim(), role, Channel::Api).map_err(|_| Failure::input("invalid_account", "--login"))?;
    // An employer's representative is identified by the organisation's BIN.
    if role == Role::Employer && kz::Bin::parse(login.trim()).is_err() {
        return Err(Failure::input("login_not_bin", "--login"));
    }
    let password = match std::env::var("QONYS_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Failure::internal(e.to_string()))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    if password.chars().count() < 12 {
        return Err(Failure::input("password_required", "QONYS_PASSWORD"));
    }
    let password_hash =
        app::identity::hash_password(&password).map_err(|_| Failure::internal("password hashing".into()))?;
    // A new account gets a new handle; an account changed keeps the one it has (the store keeps it).
    let account = AccountRecord {
        login: login.trim().to_owned(),
        handle: app::identity::new_handle(),
        role,
        territory,
        password_hash,
    };
    let at = crate::now();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?
        .block_on(async {
            let store = crate::cmd_store::open(database).await?;
            store
                .put_account(&account, &actor, at)
                .await
                .map_err(|e| Failure::from_store(&e))?;
            store.close().await;
            Ok::<_, Failure>(())
        })?;
    if out.json {
        out.json(&json!({ "login": account.login, "role": account.role.key(), "territory": territory.map(|k| k.as_str().to_owned()) }));
    } else {
        out.line(format!("{} ({})", account.login, account.role.key()));
    }
    Ok(ExitCode::SUCCESS)
}
