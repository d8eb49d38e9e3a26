//! `qonys serve`: the web service on the database of `--database`, until SIGTERM or Ctrl-C; requests in
//! flight are finished before it stops.

use std::process::ExitCode;
use std::sync::Arc;

use store::Admin;
use web::{AppState, router};

use crate::failure::Failure;
use crate::output::Out;

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

pub(crate) fn run(bind: &str, log_json: bool, database: &str, out: &Out) -> Result<ExitCode, Failure> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("QONYS_LOG").unwrap_or_else(|_| "info".into());
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let installed = if log_json {
        subscriber.json().try_init()
    } else {
        subscriber.try_init()
    };
    drop(installed);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::internal(format!("runtime: {e}")))?;
    runtime.block_on(async {
        let store = crate::cmd_store::open(database).await?;
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|_| Failure::input("bind_failed", "--bind"))?;
        let address = listener.local_addr().map_err(|e| Failure::internal(e.to_string()))?;
        out.line(format!("qonys serve: http://{address} ({})", store.backend()));
        tracing::info!(%address, backend = store.backend(), "listening");
        // The registries are the sandbox until the information systems are connected.
        let app = crate::cmd_batch::intake_app(database, 2026).await?;
        let state = Arc::new(AppState::new(app, Arc::new(crate::now)));
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| Failure::internal(format!("server: {e}")))?;
        store.close().await;
        Ok::<_, Failure>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
