//! Request counters and latency sums in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, status) → (count, total seconds)
    requests: Mutex<BTreeMap<(String, u16), (u64, f64)>>,
}

impl Metrics {
    pub fn record(&self, route: &str, status: u16, took: Duration) {
        if let Ok(mut requests) = self.requests.lock() {
            let entry = requests.entry((route.to_owned(), status)).or_insert((0, 0.0));
            entry.0 += 1;
            entry.1 += took.as_secs_f64();
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::from(
            "# HELP qonys_http_requests_total Requests answered, by route and status.\n\
             # TYPE qonys_http_requests_total counter\n",
        );
        let requests = self.requests.lock().map(|r| r.clone()).unwrap_or_default();
        for ((route, status), (count, _)) in &requests {
            let _ = writeln!(
                out,
                "qonys_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str(
            "# HELP qonys_http_request_seconds_sum Time spent answering, by route and status.\n\
             # TYPE qonys_http_request_seconds_sum counter\n",
        );
        for ((route, status), (_, seconds)) in &requests {
            let _ = writeln!(
                out,
                "qonys_http_request_seconds_sum{{route=\"{route}\",status=\"{status}\"}} {seconds:.6}"
            );
        }
        out
    }
}
