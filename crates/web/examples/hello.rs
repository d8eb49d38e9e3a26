//! The ceiling of `bench/run-http.sh`: a trivial axum hello-world on the same runtime and the same axum as the
//! service (`GET /` answers `hello`), so the benchmark shows what the machine, the loopback and the HTTP stack
//! cost before Qonys does anything.
//!
//! `cargo run --release -p web --example hello -- 127.0.0.1:8090`

use std::io::Write;
use std::process::ExitCode;

use axum::Router;
use axum::routing::get;

async fn hello() -> &'static str {
    "hello"
}

async fn serve(bind: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let address = listener.local_addr()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on http://{address}")?;
    stdout.flush()?;
    drop(stdout);
    axum::serve(listener, Router::new().route("/", get(hello))).await
}

fn main() -> ExitCode {
    let bind = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:8090".to_owned());
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .and_then(|runtime| runtime.block_on(serve(&bind)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Writing the reason to stderr can only fail when stderr is gone; there is nothing left to tell.
            let _ = writeln!(std::io::stderr(), "hello: {bind}: {e}");
            ExitCode::FAILURE
        }
    }
}
