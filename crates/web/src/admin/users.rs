//! The administrator's accounts page: the accounts, and the form that creates a staff account or resets one's
//! role, region and password (audited).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::extract::Visit;
use crate::quota::FieldMessage;
use crate::ui::{Choice, Page, choices, html, masked_login};
use crate::{AppState, Backend, Deps};

#[derive(Debug, Clone)]
pub(crate) struct AccountRow {
    pub login: String,
    pub role: String,
    pub territory: String,
}

#[derive(serde::Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub(crate) struct UserForm {
    csrf: String,
    login: String,
    role: String,
    territory: String,
    password: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    page: Page,
    accounts: Vec<AccountRow>,
    notice: Option<String>,
    errors: Vec<FieldMessage>,
    login: String,
    territory: String,
    roles: Vec<Choice>,
}

impl UsersPage {
    fn error_for(&self, field: &str) -> Option<&FieldMessage> {
        self.errors.iter().find(|e| e.field == field)
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
}

/// The message a refused field shows: the catalog's page wording where it has one.
fn field_message(code: &str) -> &str {
    match code {
        "invalid_login" => "ui-login-invalid",
        "login_is_iin" => "ui-login-is-iin",
        "password_too_short" => "ui-password-short",
        "invalid_role" => "ui-field-choose",
        other => other,
    }
}

async fn users_page<S: Backend, R: Deps>(
    state: &AppState<S, R>,
    v: &Visit,
    form: &UserForm,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
) -> Response {
    let t = v.t;
    let accounts = match state.app.accounts(&v.principal()).await {
        Ok(accounts) => accounts,
        Err(e) => return v.error(e),
    };
    let accounts = accounts
        .iter()
        .map(|a| AccountRow {
            login: masked_login(&a.login),
            role: t.m(&format!("ui-role-{}", a.role.key())),
            territory: a
                .territory
                .as_ref()
                .map_or_else(|| t.m("ui-whole-country"), |k| t.region(k)),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let roles: Vec<&str> = app::admin::staff_roles().iter().map(|r| r.key()).collect();
    let page = UsersPage {
        page: Page::new(t, "ui-users-title", Some(&v.session), "/ui/admin/users"),
        accounts,
        notice,
        errors,
        // An IIN typed as a login is personal data that has no business here: it is not shown back.
        login: if kz::Iin::parse(form.login.trim()).is_ok() {
            String::new()
        } else {
            form.login.chars().take(64).collect()
        },
        territory: form.territory.chars().take(9).collect(),
        roles: choices(t, "ui-role-", &roles, &form.role),
    };
    html(&page, status)
}

/// `GET /ui/admin/users`
pub(crate) async fn page<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    Query(done): Query<Done>,
) -> Response {
    if !app::authz::may_administer(&v.principal()) {
        return v.not_found();
    }
    let notice = (done.done == "saved").then(|| v.t.m("ui-account-saved"));
    users_page(&state, &v, &UserForm::default(), Vec::new(), notice).await
}

/// `POST /ui/admin/users`: creates or replaces a staff account (audited, chain `00`).
pub(crate) async fn put<S: Backend, R: Deps>(
    State(state): State<Arc<AppState<S, R>>>,
    v: Visit,
    crate::extract::Form(form): crate::extract::Form<UserForm>,
) -> Response {
    if !app::authz::may_administer(&v.principal()) {
        return v.not_found();
    }
    if !v.session.csrf_matches(&form.csrf) {
        return v.fail(StatusCode::FORBIDDEN, "csrf_token_missing");
    }
    let t = v.t;
    let mut errors = Vec::new();
    let role = store::Role::from_key(&form.role);
    if role.is_none() {
        errors.push(FieldMessage {
            field: "role".into(),
            message: t.m("ui-field-choose"),
        });
    }
    let territory = if form.territory.trim().is_empty() {
        Ok(None)
    } else {
        kz::Kato::parse(form.territory.trim()).map(Some)
    };
    if let Err(e) = &territory {
        errors.push(FieldMessage {
            field: "territory".into(),
            message: t.m(kz::ErrorCode::code(e)),
        });
    }
    let (Some(role), Ok(territory), true) = (role, territory, errors.is_empty()) else {
        return users_page(&state, &v, &form, errors, None).await;
    };
    let input = app::admin::StaffAccount {
        login: form.login.clone(),
        role,
        territory,
        password: form.password.clone(),
    };
    match state
        .app
        .put_staff_account(&v.principal(), &input, (state.clock)())
        .await
    {
        Ok(()) => Redirect::to("/ui/admin/users?done=saved").into_response(),
        Err(app::AppError::Invalid(fields)) => {
            let errors = fields
                .iter()
                .map(|f| FieldMessage {
                    field: f.field.to_owned(),
                    message: t.m(field_message(f.code)),
                })
                .collect();
            users_page(&state, &v, &form, errors, None).await
        }
        Err(app::AppError::Refused(code)) => {
            let errors = vec![FieldMessage {
                field: "role".into(),
                message: t.m(code),
            }];
            users_page(&state, &v, &form, errors, None).await
        }
        Err(e) => v.error(e),
    }
}
