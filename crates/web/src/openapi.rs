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
    let session = json!([{ "session": [] }]);
    let kinds = app::cases_view::kinds_and_states().0;
    let csrf = json!({ "name": "x-csrf-token", "in": "header", "required": true, "schema": { "type": "string" } });
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
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
    json!({
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
    })
}
