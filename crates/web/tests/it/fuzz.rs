//! Property test over the HTTP layer: arbitrary methods, paths (the route table's with arbitrary segments),
//! queries, headers and bodies (bytes, JSON of the fields the forms know, form-encoded, multipart), anonymous
//! or in a staff session with or without its anti-CSRF token, sent to the whole router: never a 5xx, never a
//! panic. It exercises the request parsers and the form decoders (`web::extract`, the handlers' bodies).
//! Deterministic (a fixed seed), bounded (`CASES` requests).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::{Signed, account, send, signed};

const CASES: u32 = 1500;

/// Field names the forms and JSON bodies read, so that generated bodies reach the decoders' branches.
const FIELDS: &[&str] = &[
    "login",
    "password",
    "iin",
    "code",
    "csrf",
    "key",
    "lang",
    "back",
    "category",
    "territory",
    "employment",
    "consent",
    "documents",
    "decision",
    "grounds",
    "reason",
    "reasoning",
    "date",
    "protocol",
    "outcome",
    "members",
    "unit",
    "total",
    "basis",
    "kind",
    "day_off",
    "working_day",
    "act",
    "source",
    "parameter",
    "from",
    "value",
    "role",
    "year",
    "month",
    "family",
    "locality",
    "account",
    "included_on",
    "relocation",
    "petition",
    "action",
    "execution_date",
    "preview",
    "q",
    "state",
    "page",
    "id",
    "all",
    "ticket",
    "name",
    "birth_date",
    "phone",
];

/// Values that mean something somewhere, and some that mean nothing.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("550000000".to_owned()),
        Just("2026-03-02".to_owned()),
        Just("resettler".to_owned()),
        Just("include".to_owned()),
        Just("kk".to_owned()),
        Just("900101300007".to_owned()),
        Just("KZ18722S000012345678".to_owned()),
        Just("-1".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("\u{0}".to_owned()),
        Just("//evil.example".to_owned()),
        "\\PC{0,40}",
        "[0-9]{0,14}",
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as V;
    let leaf = prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        any::<i64>().prop_map(V::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(V::Null, V::Number)),
        text().prop_map(V::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(V::Array),
            prop::collection::vec((prop::sample::select(FIELDS), inner), 0..6)
                .prop_map(|kv| V::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum BodyKind {
    Empty,
    Bytes(Vec<u8>),
    Json(serde_json::Value),
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, String)>, Vec<u8>),
}

fn body() -> impl Strategy<Value = BodyKind> {
    let fields = || prop::collection::vec((prop::sample::select(FIELDS), text()), 0..10);
    prop_oneof![
        Just(BodyKind::Empty),
        prop::collection::vec(any::<u8>(), 0..512).prop_map(BodyKind::Bytes),
        prop::collection::vec((prop::sample::select(FIELDS), json_value()), 0..10).prop_map(|kv| BodyKind::Json(
            serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        )),
        json_value().prop_map(BodyKind::Json),
        fields().prop_map(BodyKind::Form),
        (fields(), prop::collection::vec(any::<u8>(), 0..256)).prop_map(|(f, b)| BodyKind::Multipart(f, b)),
    ]
}

#[derive(Debug, Clone)]
struct Spec {
    method: &'static str,
    wrong_method: bool,
    route: usize,
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
    who: usize,
    with_csrf: bool,
    content_type: Option<String>,
    body: BodyKind,
    idempotency_key: Option<String>,
    forwarded: Option<String>,
    cookie_junk: Option<String>,
    language: Option<String>,
}

fn spec(routes: usize, whos: usize) -> impl Strategy<Value = Spec> {
    (
        (
            (
                prop::sample::select(vec!["GET", "POST", "PUT", "DELETE", "PATCH"]),
                prop::bool::weighted(0.1),
            ),
            0..routes,
            prop::collection::vec(text(), 4),
            prop::collection::vec((prop::sample::select(FIELDS), text()), 0..3),
            0..whos,
            any::<bool>(),
        ),
        (
            // Mostly the body's own type; now and then a wrong or garbled one.
            prop::option::weighted(
                0.2,
                prop_oneof![
                    Just("application/json".to_owned()),
                    Just("application/x-www-form-urlencoded".to_owned()),
                    Just("multipart/form-data; boundary=XyZ".to_owned()),
                    Just("multipart/form-data".to_owned()),
                    "\\PC{0,30}",
                ],
            ),
            body(),
            prop::option::of(prop_oneof![Just("fuzz-key-0001".to_owned()), "\\PC{0,80}"]),
            prop::option::of("\\PC{0,40}"),
            prop::option::of("\\PC{0,60}"),
            prop::option::of("\\PC{0,30}"),
        ),
    )
        .prop_map(
            |(
                ((method, wrong_method), route, segments, query, who, with_csrf),
                (content_type, body, idempotency_key, forwarded, cookie_junk, language),
            )| Spec {
                method,
                wrong_method,
                route,
                segments,
                query,
                who,
                with_csrf,
                content_type,
                body,
                idempotency_key,
                forwarded,
                cookie_junk,
                language,
            },
        )
}

/// Percent-encodes everything but unreserved characters, so any text makes a valid path segment.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn request(spec: &Spec, whos: &[Option<Signed>]) -> Option<Request<Body>> {
    let route = web::ALL_ROUTES.get(spec.route)?;
    let mut segments = spec.segments.iter();
    let path: Vec<String> = route
        .path
        .split('/')
        .map(|part| {
            if part.starts_with('{') {
                encode(segments.next().map_or("", String::as_str))
            } else {
                part.to_owned()
            }
        })
        .collect();
    let mut uri = path.join("/");
    if !spec.query.is_empty() {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &spec.query {
            q.append_pair(k, v);
        }
        uri = format!("{uri}?{}", q.finish());
    }
    // Mostly the route's own method, so that the handlers (not the method router) answer.
    let method = if spec.wrong_method { spec.method } else { route.method };
    let mut r = Request::builder().method(method).uri(uri);
    let who = whos.get(spec.who).cloned().flatten();
    let mut cookie = who.as_ref().map(|w| w.cookie.clone()).unwrap_or_default();
    if let Some(junk) = &spec.cookie_junk {
        cookie = format!("{cookie}; {junk}");
    }
    if !cookie.is_empty() {
        r = r.header(header::COOKIE, cookie);
    }
    let csrf = who.as_ref().map(|w| w.csrf.clone()).unwrap_or_default();
    if spec.with_csrf {
        r = r.header("x-csrf-token", &csrf);
    }
    if let Some(k) = &spec.idempotency_key {
        r = r.header("idempotency-key", k);
    }
    if let Some(f) = &spec.forwarded {
        r = r.header("x-forwarded-for", f);
    }
    if let Some(l) = &spec.language {
        r = r.header(header::ACCEPT_LANGUAGE, l);
    }
    let (content_type, bytes): (Option<String>, Vec<u8>) = match &spec.body {
        BodyKind::Empty => (None, Vec::new()),
        BodyKind::Bytes(b) => (None, b.clone()),
        BodyKind::Json(v) => (Some("application/json".into()), v.to_string().into_bytes()),
        BodyKind::Form(fields) => {
            let mut f = form_urlencoded::Serializer::new(String::new());
            for (k, v) in fields {
                f.append_pair(k, v);
            }
            if spec.with_csrf {
                f.append_pair("csrf", &csrf);
            }
            (
                Some("application/x-www-form-urlencoded".into()),
                f.finish().into_bytes(),
            )
        }
        BodyKind::Multipart(fields, file) => {
            let mut b = Vec::new();
            for (k, v) in fields {
                b.extend_from_slice(
                    format!("--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
                );
            }
            if spec.with_csrf {
                b.extend_from_slice(
                    format!("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
                );
            }
            b.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
            b.extend_from_slice(file);
            b.extend_from_slice(b"\r\n--XyZ--\r\n");
            (Some("multipart/form-data; boundary=XyZ".into()), b)
        }
    };
    if let Some(ct) = spec.content_type.clone().or(content_type) {
        r = r.header(header::CONTENT_TYPE, ct);
    }
    r.body(Body::from(bytes)).ok()
}

#[test]
fn arbitrary_requests_to_the_router_never_get_a_5xx() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (app, whos, _dir) = rt.block_on(async {
        let (store, dir) = super::sqlite().await;
        for (login, role, territory) in [
            ("admin.kz", store::Role::Administrator, None),
            ("leb.55", store::Role::LocalExecutiveBody, Some("550000000")),
            ("sc.55", store::Role::StateCorporationOperator, Some("550000000")),
            ("cc.55", store::Role::CareerCentre, Some("550000000")),
        ] {
            account(&store, login, role, territory).await;
        }
        let iin = super::lone_resettlers()[0].clone();
        super::received_in_pavlodar(&super::app_over(store.clone()), &iin, "fuzz").await;
        let app = super::service(store);
        let mut whos = vec![None];
        for login in ["admin.kz", "leb.55", "sc.55", "cc.55"] {
            whos.push(Some(signed(&app, login).await));
        }
        (app, whos, dir)
    });
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let outcome = runner.run(&spec(web::ALL_ROUTES.len(), whos.len()), |spec| {
        let Some(request) = request(&spec, &whos) else {
            return Ok(());
        };
        let (method, uri) = (request.method().clone(), request.uri().clone());
        let (status, _, body) = rt.block_on(send(&app, request));
        prop_assert!(
            status < StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {uri}: {status}: {}",
            body.chars().take(300).collect::<String>()
        );
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}
