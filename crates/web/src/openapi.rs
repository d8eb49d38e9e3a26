//! The OpenAPI 3.1 description of the service, served at `/api/openapi.json`. A test holds its paths equal to
//! the JSON routes of the route table, so a route cannot be added without being described.

use axum::Json;
use serde_json::{Value, json};

/// `GET /api/openapi.json`
pub(crate) async fn serve() -> Json<Value> {
    Json(document())
}

fn error_responses(codes: &[(&str, &str)]) -> Value {
    let mut out = serde_json::Map::new();
    for (status, description) in codes {
        out.insert(
            (*status).to_owned(),
            json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }),
        );
    }
    Value::Object(out)
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// The document.
pub fn document() -> Value {
    let mut doc = base();
    if let (Some(paths), Value::Object(more)) = (
        doc.get_mut("paths").and_then(Value::as_object_mut),
        resettlement_paths(),
    ) {
        paths.extend(more);
    }
    if let (Some(schemas), Value::Object(more)) = (
        doc.get_mut("components")
            .and_then(|c| c.get_mut("schemas"))
            .and_then(Value::as_object_mut),
        resettlement_schemas(),
    ) {
        schemas.extend(more);
    }
    doc
}

/// The voluntary resettlement routes (Rules B p.24, order No. 359 appendices 10 and 11).
fn resettlement_paths() -> Value {
    let session = json!([{ "session": [] }]);
    let csrf = json!({ "name": "x-csrf-token", "in": "header", "required": true, "schema": { "type": "string" } });
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let key = json!({ "name": "idempotency-key", "in": "header", "required": true, "schema": { "type": "string", "minLength": 8, "maxLength": 128 } });
    let errors = error_responses(&[
        ("400", "invalid_json or idempotency_key_required"),
        ("401", "not_signed_in"),
        ("403", "csrf_token_missing"),
        (
            "404",
            "not_found: no such case, or not the body that takes this step in its region",
        ),
        ("409", "not allowed in the case's state, or idempotency_mismatch"),
        ("422", "invalid_input, with every field"),
    ]);
    let stepped = merge(
        json!({ "200": { "description": "the step taken (or, for a repeated idempotency key, the first answer)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ResettlementStep" } } } } }),
        errors.clone(),
    );
    let step = |summary: &str, schema: Value| {
        json!({ "post": {
            "summary": summary,
            "security": session,
            "parameters": [id, csrf, key],
            "requestBody": { "required": true, "content": { "application/json": { "schema": schema } } },
            "responses": stepped,
        } })
    };
    let date = json!({ "type": "string", "format": "date" });
    json!({
        "/api/v1/resettlement-applications": { "post": {
            "summary": "Apply to take part in voluntary resettlement (order No. 359 appendix 10): a citizen for themselves, or the career centre of the applicant's region",
            "security": session,
            "parameters": [csrf, key],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["territory"], "properties": {
                "territory": { "type": "string", "description": "KATO code of the applicant's settlement" },
                "iin": { "type": "string", "pattern": "^[0-9]{12}$", "description": "the applicant, when a career centre receives the application" } } } } } },
            "responses": merge(
                json!({ "201": { "description": "applied", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ResettlementStep" } } } } }),
                error_responses(&[("400", "invalid_json or idempotency_key_required"), ("401", "not_signed_in"), ("403", "forbidden: not a citizen or a career centre of the region"), ("409", "idempotency_mismatch"), ("422", "invalid_input, with every field")]),
            )
        } },
        "/api/v1/resettlement-applications/{id}/commission": step(
            "The regional commission's decision on participation, recorded by the career centre (appendix 10)",
            json!({ "type": "object", "required": ["date", "protocol", "members", "outcome"], "properties": {
                "date": date, "protocol": { "type": "string" },
                "members": { "type": "array", "items": { "type": "string" } },
                "outcome": { "enum": ["approve", "refuse"] } } }),
        ),
        "/api/v1/resettlement-applications/{id}/referral": step(
            "The referral to the settlement of destination (appendix 11), issued by the career centre",
            json!({ "type": "object", "required": ["destination", "occupation"], "properties": {
                "destination": { "type": "string", "description": "KATO code" }, "occupation": { "type": "string" },
                "family": { "type": "integer", "minimum": 0, "maximum": 30 } } }),
        ),
        "/api/v1/resettlement-applications/{id}/tear-off": step(
            "The referral's tear-off notification returned by the receiving career centre, matched by the referral's number",
            json!({ "type": "object", "required": ["referral_number"], "properties": { "referral_number": { "type": "string", "example": "QN-55-2026-000001/1" } } }),
        ),
        "/api/v1/resettlement-applications/{id}/contract": step(
            "A social contract concluded (after a move within the region: the new one at the new place, Rules B p.24)",
            json!({ "type": "object", "required": ["number", "date"], "properties": { "number": { "type": "string" }, "date": date } }),
        ),
        "/api/v1/resettlement-applications/{id}/move-notice": step(
            "The participant's notice of a move within the region of reception, at least ten calendar days ahead (Rules B p.24); a late notice is recorded as late",
            json!({ "type": "object", "required": ["moving_on", "reasons"], "properties": { "moving_on": date, "reasons": { "type": "string" } } }),
        ),
    })
}

fn resettlement_schemas() -> Value {
    json!({
        "ResettlementStep": { "type": "object", "properties": {
            "case": { "type": "integer" }, "number": { "type": "string", "example": "QN-55-2026-000001" },
            "state": { "type": "string" }, "version": { "type": "integer" }, "replayed": { "type": "boolean" } } }
    })
}

/// The document without the services described apart.
fn base() -> Value {
    let session = json!([{ "session": [] }]);
    let kinds = app::cases_view::kinds_and_states().0;
    let csrf = json!({ "name": "x-csrf-token", "in": "header", "required": true, "schema": { "type": "string" } });
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let number = json!({ "name": "number", "in": "path", "required": true, "schema": { "type": "string", "maxLength": 64 }, "description": "the document's number, as printed and in its QR code" });
    let key = json!({ "name": "idempotency-key", "in": "header", "required": true, "schema": { "type": "string", "minLength": 8, "maxLength": 128 } });
    let decision_responses = merge(
        json!({ "200": { "description": "the step taken (or, for a repeated idempotency key, the first answer)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Decided" } } } } }),
        error_responses(&[
            ("400", "invalid_json or idempotency_key_required"),
            ("401", "not_signed_in"),
            ("403", "csrf_token_missing"),
            (
                "404",
                "not_found: no such case, or not the service provider of its region",
            ),
            (
                "409",
                "event_not_allowed in the case's state, version_conflict, idempotency_mismatch",
            ),
            ("422", "invalid_input: decision or grounds"),
        ]),
    );
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Qonys",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Regional quota for kandases and resettlers; voluntary resettlement for labour mobility (order No. 359). Errors carry a stable `code` (kk/ru texts in the message catalogs), the `field`(s) at fault and the `request_id`."
        },
        "paths": {
            "/health": { "get": { "summary": "The process answers", "responses": { "200": { "description": "alive" } } } },
            "/ready": { "get": { "summary": "The database answers", "responses": merge(json!({ "200": { "description": "ready" } }), error_responses(&[("503", "the database does not answer")])) } },
            "/metrics": { "get": { "summary": "Prometheus text metrics", "responses": { "200": { "description": "metrics", "content": { "text/plain": {} } } } } },
            "/api/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } } },
            "/api/v1/session": {
                "post": {
                    "summary": "Sign in",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Credentials" } } } },
                    "responses": merge(
                        json!({
                            "200": { "description": "signed in; the session cookie is set and the anti-CSRF token returned", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SignedIn" } } } },
                            "202": { "description": "an applicant: a one-time code was sent by SMS; the session signs in once POST /api/v1/session/code confirms it", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SignedIn" } } } }
                        }),
                        error_responses(&[("400", "invalid_json"), ("401", "login_failed"), ("429", "login_throttled")]),
                    )
                },
                "delete": {
                    "summary": "Sign out",
                    "security": session,
                    "parameters": [csrf],
                    "responses": merge(json!({ "204": { "description": "signed out" } }), error_responses(&[("401", "not_signed_in"), ("403", "csrf_token_missing")]))
                }
            },
            "/api/v1/session/code": {
                "post": {
                    "summary": "Confirm an applicant's sign-in with the one-time code sent by SMS",
                    "security": session,
                    "parameters": [csrf],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["code"], "properties": { "code": { "type": "string", "pattern": "^[0-9]{6}$" } } } } } },
                    "responses": merge(
                        json!({ "204": { "description": "signed in" } }),
                        error_responses(&[("400", "invalid_json"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("422", "code_wrong"), ("429", "code_attempts_exhausted")]),
                    )
                }
            },
            "/api/v1/me": {
                "get": {
                    "summary": "The signed-in account",
                    "security": session,
                    "responses": merge(json!({ "200": { "description": "the account", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Account" } } } } }), error_responses(&[("401", "not_signed_in")]))
                }
            },
            "/api/v1/quota-applications": {
                "post": {
                    "summary": "Receive an application for inclusion in the regional quota (Rules A p.14-15)",
                    "security": session,
                    "parameters": [csrf, { "name": "idempotency-key", "in": "header", "required": true, "schema": { "type": "string", "minLength": 8, "maxLength": 128 } }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/QuotaApplication" } } } },
                    "responses": merge(
                        json!({
                            "201": { "description": "received", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Received" } } } },
                            "200": { "description": "the same idempotency key again: the first answer" }
                        }),
                        error_responses(&[("400", "invalid_json or idempotency_key_required"), ("401", "not_signed_in"), ("403", "forbidden or csrf_token_missing"), ("409", "idempotency_mismatch"), ("422", "invalid_input, with every field")]),
                    )
                }
            },
            "/api/v1/cases": {
                "get": {
                    "summary": "The work queue: cases of the account's region (national staff: of the region asked, or all), soonest deadline first; no personal data",
                    "security": session,
                    "parameters": [
                        { "name": "kind", "in": "query", "schema": { "enum": kinds } },
                        { "name": "state", "in": "query", "schema": { "type": "string" }, "description": "a state, `awaiting` (what awaits the caller's role), or empty for every state" },
                        { "name": "region", "in": "query", "schema": { "type": "string", "pattern": "^[0-9]{2}$" }, "description": "another region than a regional account's own gives an empty list" },
                        { "name": "channel", "in": "query", "schema": { "enum": ["portal", "state_corporation", "career_centre"] } },
                        { "name": "overdue", "in": "query", "schema": { "type": "boolean", "default": false } },
                        { "name": "after", "in": "query", "schema": { "type": "string" }, "description": "the `next` of the previous page" },
                        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 100 } }
                    ],
                    "responses": merge(json!({ "200": { "description": "a page of the cases, with the total and where the next page starts", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CaseList" } } } } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found: the account does not read cases"), ("422", "invalid_input: overdue, after or limit")]))
                }
            },
            "/api/v1/cases/{id}": {
                "get": {
                    "summary": "A case, for staff of its region (the read is recorded in the audit log)",
                    "security": session,
                    "parameters": [id.clone()],
                    "responses": merge(json!({ "200": { "description": "the case" } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found, also for a case of another region")]))
                }
            },
            "/api/v1/cases/{id}/history": {
                "get": {
                    "summary": "A case's audit records (hash-chained) and the registry answers kept as its evidence, for staff of its region (the read is audited)",
                    "security": session,
                    "parameters": [id.clone()],
                    "responses": merge(json!({ "200": { "description": "records and evidence" } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found, also for a case of another region")]))
                }
            },
            "/api/v1/documents/{number}": {
                "get": {
                    "summary": "A document's public head by its number, without signing in: its form, date, issuing body and status (valid, revoked, superseded) with the reason; no personal data",
                    "parameters": [number.clone()],
                    "responses": merge(json!({ "200": { "description": "the document", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PublicDocument" } } } } }), error_responses(&[("404", "not_found")]))
                }
            },
            "/api/v1/documents/{number}/verification": {
                "post": {
                    "summary": "Whether a PDF is the original of the document: its signature valid against the authority and its bytes those issued under the number (no signing in; nothing changes)",
                    "parameters": [number.clone()],
                    "requestBody": { "required": true, "content": { "application/pdf": { "schema": { "type": "string", "format": "binary" } } } },
                    "responses": merge(json!({ "200": { "description": "the verdict", "content": { "application/json": { "schema": { "type": "object", "properties": {
                        "original": { "type": "boolean" },
                        "signature": { "enum": ["signature_valid", "document_not_signed", "document_modified", "signer_not_trusted", "signature_malformed"] },
                        "document": { "oneOf": [{ "$ref": "#/components/schemas/PublicDocument" }, { "type": "null" }] } } } } } } }), error_responses(&[("404", "not_found"), ("413", "request_too_large"), ("422", "invalid_input: file_empty, file_too_large")]))
                }
            },
            "/api/v1/documents/{number}/pdf": {
                "get": {
                    "summary": "The signed PDF of a document, for staff who may read its case (the read is audited) or the applicant and the family members it concerns",
                    "security": session,
                    "parameters": [number.clone(), { "name": "lang", "in": "query", "schema": { "enum": ["kk", "ru"], "default": "kk" } }],
                    "responses": merge(json!({ "200": { "description": "the signed file", "content": { "application/pdf": { "schema": { "type": "string", "format": "binary" } } } } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found, also for a document of a case the account may not read"), ("422", "invalid_input: lang")]))
                }
            },
            "/api/v1/documents/{number}/revoke": {
                "post": {
                    "summary": "Revoke a valid document with its reason (a decision overturned on appeal, say), by the service provider of the case's region; a step of the case, in the audit",
                    "security": session,
                    "parameters": [number.clone(), csrf.clone(), key.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string", "maxLength": 500 } } } } } },
                    "responses": merge(json!({ "200": { "description": "the document, revoked", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PublicDocument" } } } } }), error_responses(&[("400", "idempotency_key_required"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("404", "not_found, also for a document of another region"), ("409", "document_not_valid, idempotency_key_mismatch"), ("422", "invalid_input: reason")]))
                }
            },
            "/api/v1/quotas": {
                "get": {
                    "summary": "The year's regional quotas with the places allocated (staff, analysts, administrator)",
                    "security": session,
                    "parameters": [{ "name": "year", "in": "query", "required": true, "schema": { "type": "integer" } }],
                    "responses": merge(json!({ "200": { "description": "the quotas", "content": { "application/json": { "schema": { "type": "object", "properties": { "quotas": { "type": "array", "items": { "$ref": "#/components/schemas/Quota" } } } } } } } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found: the account has no access"), ("422", "invalid_input: year")]))
                }
            },
            "/api/v1/quotas/{year}/{territory}/{category}": {
                "put": {
                    "summary": "Set a quota (administrator; audited); never below the places allocated",
                    "security": session,
                    "parameters": [
                        { "name": "year", "in": "path", "required": true, "schema": { "type": "integer" } },
                        { "name": "territory", "in": "path", "required": true, "schema": { "type": "string", "description": "KATO code" } },
                        { "name": "category", "in": "path", "required": true, "schema": { "enum": ["kandas", "resettler"] } },
                        csrf.clone()
                    ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["unit", "total", "basis"], "properties": {
                        "unit": { "enum": ["persons", "families"] }, "total": { "type": "integer", "minimum": 0 }, "basis": { "type": "string", "description": "the act that sets it" } } } } } },
                    "responses": merge(json!({ "200": { "description": "the quota", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Quota" } } } } }), error_responses(&[("400", "invalid_json"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("404", "not_found: not an administrator"), ("409", "quota_below_allocated"), ("422", "invalid_input")]))
                }
            },
            "/api/v1/law/amendments": {
                "get": {
                    "summary": "The amendments of the law in force, in the order made (administrator)",
                    "security": session,
                    "responses": merge(json!({ "200": { "description": "the amendments" } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found: not an administrator")]))
                },
                "post": {
                    "summary": "Amend the law: a parameter edition, a transfer of a day off, a holiday (administrator; checked by loading the whole law with it; audited). With preview=true nothing is made: 200 with the running deadlines it would move",
                    "security": session,
                    "parameters": [csrf.clone(), { "name": "preview", "in": "query", "schema": { "type": "boolean", "default": false } }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Amendment" } } } },
                    "responses": merge(json!({ "200": { "description": "preview: the running deadlines it would move (case, limit, from, to); nothing made" }, "201": { "description": "in force; `deadlines_moved` tells how many running deadlines of open cases were counted again and moved (null: the deadline job does it at its next run)" } }), error_responses(&[("400", "invalid_json"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("404", "not_found: not an administrator"), ("409", "changed_since_read"), ("422", "amend_unknown_parameter, amend_value_invalid, amend_year_not_covered, amend_rejected, amend_nothing_to_withdraw; invalid_input (preview)")]))
                }
            },
            "/api/v1/quota-applications/confirmations": {
                "post": {
                    "summary": "A citizen's application checked as it would be filed; the one-time code that confirms it goes out by SMS. The answer's ticket and the code go with the application to POST /api/v1/quota-applications",
                    "security": session,
                    "parameters": [csrf.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/QuotaApplication" } } } },
                    "responses": merge(json!({ "201": { "description": "the confirmation's ticket", "content": { "application/json": { "schema": { "type": "object", "properties": { "ticket": { "type": "string" } } } } } } }), error_responses(&[("400", "invalid_json"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("404", "not_found: not a citizen"), ("409", "quota_open_case"), ("422", "invalid_input, with every field")]))
                }
            },
            "/api/v1/quota-applications/home-visits": {
                "post": {
                    "summary": "Documents taken at home for an applicant who cannot come (order app-1 row 10): by the applicant, or by the State Corporation taking the call",
                    "security": session,
                    "parameters": [csrf.clone(), key.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["iin", "category", "territory"], "properties": {
                        "iin": { "type": "string", "pattern": "^[0-9]{12}$" }, "category": { "enum": ["kandas", "resettler"] }, "territory": { "type": "string" } } } } } },
                    "responses": merge(json!({ "201": { "description": "the visit requested", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Received" } } } } }), error_responses(&[("400", "invalid_json or idempotency_key_required"), ("401", "not_signed_in"), ("403", "forbidden or csrf_token_missing"), ("409", "quota_open_case"), ("422", "invalid_input")]))
                }
            },
            "/api/v1/quota-applications/{id}/forward": {
                "post": {
                    "summary": "The career centre forwards the registered package to the service provider (Rules A p.15.3)",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone(), key.clone()],
                    "responses": decision_responses.clone()
                }
            },
            "/api/v1/quota-applications/{id}/accept": {
                "post": {
                    "summary": "The service provider accepts the package (Rules A p.15.4): the decision's 14 working days run",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone(), key.clone()],
                    "responses": decision_responses.clone()
                }
            },
            "/api/v1/quota-applications/{id}/refusal-to-accept": {
                "post": {
                    "summary": "The service provider refuses to accept the package on the grounds of Rules A p.15.5 (incomplete, expired documents); the receipt (Rules A app. 8) is issued",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone(), key.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["grounds"], "properties": { "grounds": { "type": "array", "items": { "type": "string" } } } } } } },
                    "responses": decision_responses.clone()
                }
            },
            "/api/v1/quota-applications/{id}/commission": {
                "post": {
                    "summary": "The commission's recommendation (kandases) or decision (resettlers), with its date, protocol number and members, recorded before the decision that follows it (order app-2, app-3, app-5)",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone(), key.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["date", "protocol", "members", "outcome"], "properties": {
                        "date": { "type": "string", "format": "date" }, "protocol": { "type": "string" },
                        "members": { "type": "array", "items": { "type": "string" } }, "outcome": { "enum": ["include", "refuse"] } } } } } },
                    "responses": decision_responses.clone()
                }
            },
            "/api/v1/quota-applications/{id}/assessment": {
                "get": {
                    "summary": "The grounds of appendix 1 row 9 weighed against the case's facts (applies, does not apply, to be checked), the places left and needed, and whether the commission's word is still needed",
                    "security": session,
                    "parameters": [id.clone()],
                    "responses": merge(json!({ "200": { "description": "the assessment" } }), error_responses(&[("401", "not_signed_in"), ("404", "not_found, also for a case of another region")]))
                }
            },
            "/api/v1/quota-applications/{id}/decision-preview": {
                "post": {
                    "summary": "What the decision would do (places taken, or the refusal and its grounds), before it is made; nothing is written",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Decision" } } } },
                    "responses": merge(json!({ "200": { "description": "the outcome" } }), error_responses(&[("400", "invalid_json"), ("401", "not_signed_in"), ("403", "csrf_token_missing"), ("404", "not_found: not the case region's service provider"), ("409", "not_allowed_in_state"), ("422", "invalid_input")]))
                }
            },
            "/api/v1/quota-applications/{id}/decision": {
                "post": {
                    "summary": "Include in the quota (a place is taken in the same transaction; none left: refusal on K5 / R4) or refuse with grounds (appendix 1 row 9), with the official's reasoning",
                    "security": session,
                    "parameters": [id.clone(), csrf.clone(), key.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Decision" } } } },
                    "responses": decision_responses.clone()
                }
            },
            "/api/v1/quota-applications/{id}/revoke": {
                "post": {
                    "summary": "Revoke an inclusion with a reason; the quota places are given back in the same transaction",
                    "security": session,
                    "parameters": [id, csrf.clone(), key],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string" } } } } } },
                    "responses": decision_responses
                }
            },
            "/api/v1/quota-places": {
                "get": {
                    "summary": "The year's quotas with places left, by territory and category (offered to applicants on the portal)",
                    "security": session,
                    "parameters": [{ "name": "year", "in": "query", "schema": { "type": "integer" } }],
                    "responses": merge(json!({ "200": { "description": "territory, category, unit and places left" } }), error_responses(&[("401", "not_signed_in")]))
                }
            },
            "/api/v1/session/citizen": {
                "post": {
                    "summary": "A citizen begins a session with their IIN; the one-time code sent to their phone confirms it (POST /api/v1/session/code). The answer is the same whether the IIN is known",
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["iin"], "properties": { "iin": { "type": "string", "pattern": "^[0-9]{12}$" } } } } } },
                    "responses": merge(json!({ "202": { "description": "a code is required; the session cookie is set", "content": { "application/json": { "schema": { "type": "object", "properties": { "csrf": { "type": "string" }, "code_required": { "type": "boolean" } } } } } } }), error_responses(&[("400", "invalid_json"), ("422", "invalid_input: iin"), ("429", "login_throttled")]))
                }
            }
        },
        "components": {
            "securitySchemes": { "session": { "type": "apiKey", "in": "cookie", "name": crate::extract::COOKIE } },
            "schemas": {
                "PublicDocument": { "type": "object", "required": ["number", "form", "issued_on", "issuer", "status"], "properties": {
                    "number": { "type": "string" }, "form": { "type": "string", "description": "order-359-app-N or rules-a-app-N" },
                    "issued_on": { "type": "string", "format": "date" },
                    "issuer": { "type": "object", "properties": { "kk": { "type": "string" }, "ru": { "type": "string" } } },
                    "status": { "enum": ["valid", "revoked", "superseded"] }, "reason": { "type": ["string", "null"] } } },
                "Error": { "type": "object", "required": ["code", "request_id"], "properties": {
                    "code": { "type": "string" }, "field": { "type": ["string", "null"] },
                    "fields": { "type": "array", "items": { "type": "object", "properties": { "field": { "type": "string" }, "code": { "type": "string" } } } },
                    "request_id": { "type": "string" } } },
                "Credentials": { "type": "object", "required": ["login", "password"], "properties": { "login": { "type": "string" }, "password": { "type": "string" } } },
                "Account": { "type": "object", "properties": { "login": { "type": "string" }, "role": { "type": "string" }, "territory": { "type": ["string", "null"] } } },
                "SignedIn": { "allOf": [{ "$ref": "#/components/schemas/Account" }, { "type": "object", "properties": { "csrf": { "type": "string" } } }] },
                "QuotaApplication": { "type": "object", "required": ["iin", "category", "territory"], "description": "The channel is the caller's: a citizen files on the portal (with `ticket` and `code` of a confirmation), the State Corporation at its counter (accepts, or refuses with `refuse`), a career centre registers", "properties": {
                    "iin": { "type": "string", "pattern": "^[0-9]{12}$" },
                    "category": { "enum": ["kandas", "resettler"] },
                    "territory": { "type": "string", "description": "KATO code of the territorial unit of settlement" },
                    "family": { "type": "array", "items": { "type": "string", "pattern": "^[0-9]{12}$" }, "description": "the IINs of the family members who move" },
                    "employment": { "type": ["string", "null"], "description": "the applicant's employment category (order app-1 row 8), for resettlers" },
                    "documents": { "type": "array", "items": { "type": "object", "required": ["kind"], "properties": {
                        "kind": { "type": "string" }, "attachment": { "type": ["integer", "null"] }, "presented": { "type": "boolean" },
                        "valid_until": { "type": ["string", "null"], "format": "date" } } } },
                    "consent": { "type": "boolean", "description": "consent to the use of restricted personal data (K4 / R2)" },
                    "ticket": { "type": ["string", "null"] }, "code": { "type": ["string", "null"] },
                    "refuse": { "type": "array", "items": { "type": "string" }, "description": "at the counter: the grounds of Rules A p.14.4 to refuse on" },
                    "visit": { "type": ["integer", "null"], "description": "the home visit's case, when the documents are taken at home" } } },
                "Received": { "type": "object", "properties": {
                    "case": { "type": "integer" }, "number": { "type": "string", "example": "QN-55-2026-000001" },
                    "state": { "type": "string" }, "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } },
                    "replayed": { "type": "boolean" } } },
                "Quota": { "type": "object", "properties": {
                    "year": { "type": "integer" }, "territory": { "type": "string" }, "category": { "enum": ["kandas", "resettler"] },
                    "unit": { "enum": ["persons", "families"] }, "total": { "type": "integer" }, "allocated": { "type": "integer" } } },
                "Amendment": { "oneOf": [
                    { "type": "object", "required": ["kind", "parameter", "start", "value", "reference"], "properties": {
                        "kind": { "const": "edition" }, "parameter": { "type": "string", "example": "mci" },
                        "start": { "type": "string", "format": "date" }, "end": { "type": ["string", "null"], "format": "date" },
                        "value": { "type": "string", "description": "a TOML value: 4500, or { count = 1, unit = \"working_days\", direction = \"after\" }" },
                        "reference": { "type": "object", "required": ["act", "point", "confidence", "source"], "properties": {
                            "act": { "type": "string", "example": "budget-law-2027" }, "point": { "type": "string" },
                            "confidence": { "enum": ["high", "medium", "low"] }, "source": { "type": "string" } } } } },
                    { "type": "object", "required": ["kind", "day_off", "working_day", "act", "source"], "properties": {
                        "kind": { "const": "transfer" }, "day_off": { "type": "string", "format": "date" },
                        "working_day": { "type": "string", "format": "date" }, "act": { "type": "string" }, "source": { "type": "string" } } },
                    { "type": "object", "required": ["kind", "date", "key", "holiday_kind", "source", "carried_over"], "properties": {
                        "kind": { "const": "holiday" }, "date": { "type": "string", "format": "date" }, "key": { "type": "string" },
                        "holiday_kind": { "enum": ["national", "state", "religious"] }, "source": { "type": "string" },
                        "carried_over": { "type": "array", "items": { "type": "string", "format": "date" } } } },
                    { "type": "object", "required": ["kind", "seq", "reason"], "properties": {
                        "kind": { "const": "withdrawal" }, "seq": { "type": "integer", "minimum": 1, "description": "the number of the amendment taken out" },
                        "reason": { "type": "string" } } }
                ] },
                "Decision": { "type": "object", "required": ["decision"], "properties": {
                    "decision": { "enum": ["include", "refuse", "declined"] },
                    "grounds": { "type": "array", "items": { "type": "string" }, "description": "ground codes of the application's category (appendix 1, row 9); required to refuse" },
                    "reasoning": { "type": ["string", "null"], "description": "the official's reasoning, printed on the decision" } } },
                "Decided": { "type": "object", "properties": {
                    "case": { "type": "integer" }, "state": { "type": "string" }, "grounds": { "type": "array", "items": { "type": "string" } },
                    "version": { "type": "integer" }, "replayed": { "type": "boolean" } } },
                "CaseList": { "type": "object", "properties": {
                    "total": { "type": "integer" }, "next": { "type": ["string", "null"] },
                    "cases": { "type": "array", "items": { "type": "object", "properties": {
                    "case": { "type": "integer" }, "number": { "type": ["string", "null"] }, "kind": { "type": "string" }, "state": { "type": "string" },
                    "territory": { "type": "string" }, "due_on": { "type": ["string", "null"], "format": "date" }, "overdue": { "type": "boolean" },
                    "applicant": { "type": ["string", "null"], "description": "the applicant's IIN, masked" } } } } } },
                "Deadline": { "type": "object", "properties": {
                    "name": { "type": "string" }, "limit": { "type": "string" }, "due": { "type": "string", "format": "date" },
                    "basis": { "type": "string", "description": "the point of law of the time limit" },
                    "binds": { "type": "string", "description": "the body the time limit binds" }, "duty": { "type": "boolean" },
                    "calendar_edition": { "type": ["string", "null"] } } }
            }
        }
    });
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        paths.extend(rent_paths());
    }
    doc
}

/// Rent compensation, the relocation subsidy and their payments.
fn rent_paths() -> serde_json::Map<String, Value> {
    let session = json!([{ "session": [] }]);
    let csrf = json!({ "name": "x-csrf-token", "in": "header", "required": true, "schema": { "type": "string" } });
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let key = json!({ "name": "idempotency-key", "in": "header", "required": true, "schema": { "type": "string", "minLength": 8, "maxLength": 128 } });
    let stepped = merge(
        json!({ "200": { "description": "the step taken", "content": { "application/json": { "schema": { "type": "object", "properties": {
            "case": { "type": "integer" }, "state": { "type": "string" }, "replayed": { "type": "boolean" } } } } } } }),
        error_responses(&[
            ("400", "invalid_json or idempotency_key_required"),
            ("401", "not_signed_in"),
            ("403", "csrf_token_missing"),
            (
                "404",
                "not_found: no such case, or not the body that acts on it in its region",
            ),
            ("409", "event_not_allowed, version_conflict, idempotency_mismatch"),
            ("422", "invalid_input"),
        ]),
    );
    let centre_errors = error_responses(&[
        ("400", "invalid_json"),
        ("401", "not_signed_in"),
        ("403", "csrf_token_missing"),
        ("404", "not_found: not the Labour Mobility Centre of a region"),
        ("409", "nothing_to_export, payer_not_configured, order_invalid"),
        ("422", "invalid_input"),
    ]);
    let body = |schema: Value| json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    let mut out = serde_json::Map::new();
    out.insert("/api/v1/rent-applications".into(), json!({ "post": {
        "summary": "A citizen applies for the compensation of rent and utilities and, with `relocation`, for the relocation subsidy (Rules B p.70-73, appendix 13)",
        "security": session, "parameters": [csrf, key],
        "requestBody": body(json!({ "type": "object", "required": ["territory", "included_on", "locality", "family", "account"], "properties": {
            "territory": { "type": "string", "description": "KATO code of the region of reception" },
            "included_on": { "type": "string", "format": "date", "description": "the day of inclusion in the regional quota" },
            "locality": { "enum": ["urban", "rural"] }, "family": { "type": "integer", "minimum": 1 },
            "account": { "type": "string", "description": "IBAN" }, "relocation": { "type": "boolean" }, "petition": { "type": "boolean" } } })),
        "responses": merge(json!({ "201": { "description": "registered: the rent case and the relocation case" } }),
            error_responses(&[("401", "not_signed_in"), ("403", "forbidden: not a citizen; csrf_token_missing"), ("422", "invalid_input")]))
    } }));
    out.insert(
        "/api/v1/rent-applications/{id}/forward".into(),
        json!({ "post": {
        "summary": "The career centre sends the application to the Labour Mobility Centre (Rules B p.72.2)",
        "security": session, "parameters": [id, csrf, key], "responses": stepped
    } }),
    );
    out.insert("/api/v1/rent-applications/{id}/decision".into(), json!({ "post": {
        "summary": "The Labour Mobility Centre grants, refuses (p.72.4-5), stops payments (p.72.6), records an overpayment or its refund (p.72.7-8)",
        "security": session, "parameters": [id, csrf, key],
        "requestBody": body(json!({ "type": "object", "required": ["action"], "properties": {
            "action": { "enum": ["grant", "refuse", "terminate", "overpaid", "refunded"] },
            "grounds": { "type": "array", "items": { "type": "string" } },
            "amount": { "type": "string", "description": "tenge, for an overpayment" },
            "path": { "enum": ["application", "centre_decision", "court_decision"] } } })),
        "responses": stepped
    } }));
    out.insert("/api/v1/relocation-applications/{id}/decision".into(), json!({ "post": {
        "summary": "The Labour Mobility Centre grants the relocation subsidy (its payment scheduled) or refuses it (Rules B p.70)",
        "security": session, "parameters": [id, csrf, key],
        "requestBody": body(json!({ "type": "object", "required": ["grant"], "properties": { "grant": { "type": "boolean" } } })),
        "responses": stepped
    } }));
    out.insert("/api/v1/rent-applications/{id}/account".into(), json!({ "post": {
        "summary": "The applicant's new account for the payments the bank returned: each is sent once more, the same order, the next attempt (also for a relocation case)",
        "security": session, "parameters": [id, csrf, key],
        "requestBody": body(json!({ "type": "object", "required": ["account"], "properties": { "account": { "type": "string", "description": "IBAN" } } })),
        "responses": stepped
    } }));
    out.insert("/api/v1/rent-payroll".into(), json!({ "post": {
        "summary": "The month's payroll of the centre's region: each paying case paid once for the month; running it again schedules nothing new",
        "security": session, "parameters": [csrf],
        "requestBody": body(json!({ "type": "object", "required": ["month"], "properties": { "month": { "type": "string", "example": "2026-03" } } })),
        "responses": merge(json!({ "200": { "description": "scheduled, already, refused, total" } }), centre_errors.clone())
    } }));
    out.insert("/api/v1/bank-files".into(), json!({ "post": {
        "summary": "The region's orders not yet sent as one ISO 20022 pain.001.001.09 file; each is marked sent with the file",
        "security": session, "parameters": [csrf],
        "requestBody": body(json!({ "type": "object", "required": ["execution_date"], "properties": { "execution_date": { "type": "string", "format": "date" } } })),
        "responses": merge(json!({ "200": { "description": "the file", "content": { "application/xml": {} } } }), centre_errors.clone())
    } }));
    out.insert("/api/v1/bank-notifications".into(), json!({ "post": {
        "summary": "A camt.054.001.08 notification reconciled with the orders sent: paid, or returned with the bank's reason",
        "security": session, "parameters": [csrf],
        "requestBody": { "required": true, "content": { "application/xml": {} } },
        "responses": merge(json!({ "200": { "description": "each order named with its outcome, and the count of entries that name none" } }), centre_errors)
    } }));
    out
}
