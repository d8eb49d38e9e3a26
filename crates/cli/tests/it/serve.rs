//! `qonys serve` as a process: it takes its settings from `--config`, answers on the address it prints, signs
//! in an account made with `qonys account set`, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn http(address: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(request.as_bytes()).expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    response
}

fn get(address: &str, path: &str) -> String {
    http(
        address,
        &format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    )
}

#[test]
fn serve_answers_health_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    // An account made with the CLI (password from the environment, never the command line) signs in.
    let made = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args([
            "--database",
            &url,
            "account",
            "set",
            "--login",
            "cc.specialist.3",
            "--role",
            "career_centre",
        ])
        .args(["--territory", "590000000", "--actor", "admin.01"])
        .env("QONYS_PASSWORD", "a long enough password")
        .output()
        .expect("account set");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    // The database and the address come from the settings file.
    let config = dir.path().join("qonys.toml");
    std::fs::write(
        &config,
        format!("database = \"{url}\"\nbind = \"127.0.0.1:0\"\nlog_json = true\n"),
    )
    .expect("settings file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args(["--config", config.to_str().expect("path"), "serve"])
        .env_remove("QONYS_DATABASE_URL")
        .env_remove("QONYS_BIND")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("the address line");
    let address = first
        .trim()
        .split("http://")
        .nth(1)
        .and_then(|a| a.split_whitespace().next())
        .expect("address")
        .to_owned();
    let health = get(&address, "/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.to_ascii_lowercase().contains("x-request-id:"), "{health}");
    let ready = get(&address, "/ready");
    assert!(
        ready.starts_with("HTTP/1.1 200") && ready.contains(r#"{"status":"ready"}"#),
        "{ready}"
    );
    let body = r#"{"login":"cc.specialist.3","password":"a long enough password"}"#;
    let signed = http(
        &address,
        &format!(
            "POST /api/v1/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(signed.starts_with("HTTP/1.1 200"), "{signed}");
    let cookie = signed
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim().split(';').next().unwrap_or("").to_owned())
        })
        .expect("a session cookie");
    let me = http(
        &address,
        &format!("GET /api/v1/me HTTP/1.1\r\nHost: {address}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    );
    assert!(
        me.starts_with("HTTP/1.1 200") && me.contains(r#""territory":"590000000""#),
        "{me}"
    );
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("exit");
    assert!(exit.success(), "a graceful stop exits 0: {exit:?}");
}

#[test]
fn serve_demo_prints_an_account_for_every_role_that_signs_in() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args(["--database", &url, "serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut accounts = Vec::new();
    let mut address = None;
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("line");
        // `  login / password / role / region`; the applicant's login is an IIN.
        let parts: Vec<&str> = line.trim().split(" / ").collect();
        if line.starts_with("  ") && parts.len() == 4 {
            accounts.push((parts[0].to_owned(), parts[1].to_owned(), parts[2].to_owned()));
        }
        if let Some(a) = line.split("http://").nth(1) {
            address = a.split_whitespace().next().map(str::to_owned);
            break;
        }
    }
    let address = address.expect("the address line");
    // One per role, and a second career centre: Pavlodar's, where the demo's centre decides on rent.
    assert_eq!(accounts.len(), 11, "{accounts:?}");
    let citizen = accounts
        .iter()
        .find(|(_, _, role)| role == "citizen")
        .expect("an applicant");
    assert!(kz::Iin::parse(&citizen.0).is_ok(), "the applicant signs in with an IIN");
    let (login, password, _) = accounts
        .iter()
        .find(|(_, _, role)| role == "labour_mobility_centre")
        .expect("an officer");
    let body = format!(r#"{{"login":"{login}","password":"{password}"}}"#);
    let signed = http(
        &address,
        &format!(
            "POST /api/v1/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(signed.starts_with("HTTP/1.1 200"), "{signed}");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert!(child.wait().expect("exit").success());
    // The demo's applications are in the database, numbered per region.
    let (included, audit) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = store_sqlite::SqliteStore::open(&url).await.expect("store");
            let included = store::CaseQuery {
                kinds: vec!["quota_resettler".into()],
                states: vec!["included".into()],
                ..store::CaseQuery::default()
            };
            (
                store::Store::count_cases(&store, &included).await.expect("count"),
                store::Admin::audit_records(&store).await.expect("the audit log"),
            )
        });
    assert!(included > 0, "some applications were included");
    // After a whole demo run (applications through every channel, decisions, accounts, sign-ins), no audit
    // record holds an IIN: accounts are named by their pseudonymous handles, applicants masked.
    let iins: std::collections::HashSet<String> = registries::sandbox::Population::generate(2026, 20_000, |_| {})
        .residents
        .iter()
        .map(|r| r.record.iin.as_str().to_owned())
        .collect();
    assert!(audit.len() > 240, "{} records", audit.len());
    for r in &audit {
        let text = format!(
            "{} {:?} {} {} {}",
            r.account, r.on_behalf_of, r.action, r.basis, r.detail
        );
        for digits in text.split(|c: char| !c.is_ascii_digit()).filter(|d| d.len() == 12) {
            assert!(!iins.contains(digits), "{} record {} holds an IIN", r.chain, r.seq);
        }
    }
}

#[test]
fn a_bad_settings_file_is_refused_with_its_code() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = dir.path().join("qonys.toml");
    std::fs::write(&config, "databse = \"sqlite://x.db\"\n").expect("settings file");
    let out = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args(["--json", "--config", config.to_str().expect("path"), "migrate"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("config_invalid") || stderr.contains("config_invalid"),
        "{stdout}{stderr}"
    );
}

/// Starts `serve --demo` on `url` and returns the process with the address it prints, or the reason it stopped.
/// The rest of its output is drained, so that a line written after the address never meets a closed pipe.
fn start_demo(url: &str, log: &std::path::Path) -> Result<(std::process::Child, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args(["--database", url, "serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).expect("log file"))
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(a) = line.split("http://").nth(1) {
                let _ = sender.send(a.split_whitespace().next().unwrap_or_default().to_owned());
            }
        }
    });
    if let Ok(address) = address.recv() {
        return Ok((child, address));
    }
    let exit = child.wait().expect("exit");
    Err(format!(
        "{exit:?}: {}",
        std::fs::read_to_string(log).unwrap_or_default()
    ))
}

fn stop(mut child: std::process::Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    // The exit status of a stop is the subject of the tests above; here only the restart is.
    child.wait().expect("exit");
}

#[test]
fn serve_demo_starts_again_on_its_own_database_after_a_law_amendment() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("qonys.db").display());
    let (child, _) = start_demo(&url, &dir.path().join("first.err")).expect("the first start");
    stop(child);
    // An administrator amends the law between the two starts: the demo's own commands must not collide with it.
    let file = dir.path().join("mci-2027.json");
    std::fs::write(
        &file,
        r#"{"kind":"edition","parameter":"mci","start":"2027-01-01","end":"2027-12-31","value":"4500",
            "reference":{"act":"budget-law-2027","point":"art. 9","confidence":"high","source":"adilet.zan.kz"}}"#,
    )
    .expect("file");
    let amended = Command::new(env!("CARGO_BIN_EXE_qonys"))
        .args([
            "--database",
            &url,
            "law",
            "amend",
            "--file",
            file.to_str().expect("path"),
        ])
        .args(["--actor", "admin.01"])
        .output()
        .expect("law amend");
    assert!(amended.status.success(), "{}", String::from_utf8_lossy(&amended.stderr));
    let (child, address) =
        start_demo(&url, &dir.path().join("second.err")).expect("the second start on the same database");
    assert!(get(&address, "/ready").starts_with("HTTP/1.1 200"));
    stop(child);
}
