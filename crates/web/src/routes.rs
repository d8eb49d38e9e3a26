//! The one route table: method, path, handler and who may call it. It makes the router, [`ALL_ROUTES`] (which
//! the authorization matrix test walks), the metric labels and the check that the OpenAPI document describes
//! every JSON route. A route exists only if it is here.

use std::sync::Arc;

use axum::Router;

use crate::{AppState, Backend, Deps, admin, api, auth, cases_api, documents, quota, rent, resettlement, ui};

/// Who may call a route, as the route table declares it; the use cases behind the handlers enforce it (with
/// the region and the case's state), the matrix test checks the two agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// A signed-in account of any role.
    SignedIn,
    /// Staff who work on cases (in their region).
    Staff,
    /// The staff who receive applications: the State Corporation and career centres.
    Receiving,
    /// The region's service provider (the local executive body).
    Provider,
    /// The service provider or the commission (whose secretary records its word).
    ProviderOrCommission,
    /// A citizen for themselves.
    Citizen,
    /// The State Corporation's counter.
    Counter,
    /// A career centre.
    CareerCentre,
    /// The Labour Mobility Centre (of its region).
    Centre,
    /// The analysts and the administrator.
    Figures,
    Administrator,
}

/// One route of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

impl Route {
    /// Whether the route serves HTML (the web interface, its static files, the API's documentation page) rather
    /// than JSON described in the OpenAPI document.
    pub fn is_page(&self) -> bool {
        is_page(self.path)
    }
}

/// Whether a path serves HTML rather than JSON.
pub fn is_page(path: &str) -> bool {
    path == "/"
        || path.starts_with("/ui/")
        || path.starts_with("/static/")
        || path.starts_with("/verify/")
        || path == "/api/docs"
}

macro_rules! method {
    (GET, $h:expr) => {
        axum::routing::get($h)
    };
    (POST, $h:expr) => {
        axum::routing::post($h)
    };
    (PUT, $h:expr) => {
        axum::routing::put($h)
    };
    (DELETE, $h:expr) => {
        axum::routing::delete($h)
    };
}

macro_rules! table {
    ($( $method:ident $path:literal => $handler:expr, $access:ident; )*) => {
        /// Every route of the service.
        pub const ALL_ROUTES: &[Route] = &[
            $( Route { method: stringify!($method), path: $path, access: Access::$access }, )*
        ];

        /// The routes, on the service's state.
        pub(crate) fn routes<S: Backend, R: Deps>() -> Router<Arc<AppState<S, R>>> {
            let mut router = Router::new();
            $( router = router.route($path, method!($method, $handler)); )*
            router
        }
    };
}

table! {
    GET "/health" => crate::health, Public;
    GET "/ready" => crate::ready::<S, R>, Public;
    GET "/metrics" => crate::metrics_text::<S, R>, Public;
    GET "/api/openapi.json" => crate::openapi::serve, Public;
    GET "/api/docs" => ui::api_docs, Public;
    GET "/static/{name}" => ui::static_file, Public;

    POST "/api/v1/session" => auth::sign_in::<S, R>, Public;
    DELETE "/api/v1/session" => auth::sign_out::<S, R>, SignedIn;
    POST "/api/v1/session/code" => auth::confirm_code::<S, R>, Public;
    GET "/api/v1/me" => auth::me, SignedIn;

    GET "/api/v1/cases" => cases_api::list::<S, R>, Staff;
    GET "/api/v1/cases/{id}" => cases_api::read::<S, R>, Staff;
    GET "/api/v1/cases/{id}/history" => cases_api::history::<S, R>, Staff;

    POST "/api/v1/session/citizen" => auth::sign_in_citizen::<S, R>, Public;
    POST "/api/v1/quota-applications" => quota::api::submit::<S, R>, SignedIn;
    POST "/api/v1/quota-applications/confirmations" => quota::api::confirmation::<S, R>, Citizen;
    POST "/api/v1/quota-applications/home-visits" => quota::api::home_visit::<S, R>, SignedIn;
    POST "/api/v1/quota-applications/{id}/forward" => quota::api::forward::<S, R>, CareerCentre;
    POST "/api/v1/quota-applications/{id}/accept" => quota::api::accept::<S, R>, Provider;
    POST "/api/v1/quota-applications/{id}/refusal-to-accept" => quota::api::refuse_to_accept::<S, R>, Provider;
    POST "/api/v1/quota-applications/{id}/commission" => quota::api::commission::<S, R>, ProviderOrCommission;
    GET "/api/v1/quota-applications/{id}/assessment" => quota::api::assessment::<S, R>, Staff;
    POST "/api/v1/quota-applications/{id}/decision-preview" => quota::api::preview::<S, R>, Provider;
    POST "/api/v1/quota-applications/{id}/decision" => quota::api::decide::<S, R>, Provider;
    POST "/api/v1/quota-applications/{id}/revoke" => quota::api::revoke::<S, R>, Provider;
    GET "/api/v1/quota-places" => quota::api::places::<S, R>, SignedIn;

    GET "/api/v1/documents/{number}" => documents::head::<S, R>, Public;
    POST "/api/v1/documents/{number}/verification" => documents::verification::<S, R>, Public;
    GET "/api/v1/documents/{number}/pdf" => documents::pdf::<S, R>, SignedIn;
    POST "/api/v1/documents/{number}/revoke" => documents::revoke_api::<S, R>, Provider;
    GET "/verify/{number}" => documents::verify_page::<S, R>, Public;
    POST "/verify/{number}" => documents::verify_upload::<S, R>, Public;
    GET "/ui/documents/{number}/{lang}" => documents::download::<S, R>, SignedIn;
    POST "/ui/documents/{number}/revoke" => documents::revoke_form::<S, R>, Provider;

    GET "/api/v1/quotas" => api::list_quotas::<S, R>, Figures;
    PUT "/api/v1/quotas/{year}/{territory}/{category}" => api::put_quota::<S, R>, Administrator;
    GET "/api/v1/law/amendments" => api::list_amendments::<S, R>, Administrator;
    POST "/api/v1/law/amendments" => api::add_amendment::<S, R>, Administrator;

    GET "/" => ui::home::<S, R>, Public;
    GET "/ui/sign-in" => ui::sign_in::page::<S, R>, Public;
    POST "/ui/sign-in" => ui::sign_in::submit::<S, R>, Public;
    GET "/ui/sign-in/code" => ui::sign_in::code_page::<S, R>, Public;
    POST "/ui/sign-in/code" => ui::sign_in::code_submit::<S, R>, Public;
    POST "/ui/sign-in/citizen" => ui::sign_in::citizen::<S, R>, Public;
    POST "/ui/sign-out" => ui::sign_in::sign_out::<S, R>, SignedIn;
    POST "/ui/lang" => ui::sign_in::set_lang::<S, R>, Public;
    GET "/ui/cabinet" => ui::cabinet::page::<S, R>, SignedIn;
    GET "/ui/account" => ui::account::page::<S, R>, SignedIn;
    POST "/ui/account/sessions" => ui::account::end::<S, R>, SignedIn;
    GET "/ui/queue" => ui::queue::page::<S, R>, Staff;
    GET "/ui/cases/{id}" => ui::case::page::<S, R>, SignedIn;
    GET "/ui/cases/{id}/files/{file}" => ui::case::file::<S, R>, SignedIn;
    GET "/ui/stats" => ui::stats::<S, R>, Figures;

    GET "/ui/quota/apply" => quota::portal::page::<S, R>, Citizen;
    POST "/ui/quota/apply" => quota::portal::submit::<S, R>, Citizen;
    POST "/ui/quota/apply/confirm" => quota::portal::confirm::<S, R>, Citizen;
    POST "/ui/quota/home-visit" => quota::portal::home_visit::<S, R>, Citizen;
    GET "/ui/quota/desk" => quota::desk::page::<S, R>, Receiving;
    POST "/ui/quota/desk" => quota::desk::submit::<S, R>, Receiving;
    GET "/ui/quota/places" => quota::places::page::<S, R>, Staff;
    POST "/ui/quota/applications/{id}/forward" => quota::review::forward::<S, R>, CareerCentre;
    POST "/ui/quota/applications/{id}/accept" => quota::review::accept::<S, R>, Provider;
    POST "/ui/quota/applications/{id}/refusal-to-accept" => quota::review::refuse_to_accept::<S, R>, Provider;
    POST "/ui/quota/applications/{id}/commission" => quota::review::commission::<S, R>, ProviderOrCommission;
    GET "/ui/quota/applications/{id}/decide" => quota::review::decide_page::<S, R>, Provider;
    POST "/ui/quota/applications/{id}/decision-preview" => quota::review::preview::<S, R>, Provider;
    POST "/ui/quota/applications/{id}/decision" => quota::review::decide::<S, R>, Provider;
    POST "/ui/quota/applications/{id}/revoke" => quota::review::revoke::<S, R>, Provider;

    POST "/api/v1/resettlement-applications" => resettlement::api::apply::<S, R>, SignedIn;
    POST "/api/v1/resettlement-applications/{id}/commission" => resettlement::api::commission::<S, R>, CareerCentre;
    POST "/api/v1/resettlement-applications/{id}/referral" => resettlement::api::referral::<S, R>, CareerCentre;
    POST "/api/v1/resettlement-applications/{id}/tear-off" => resettlement::api::tear_off::<S, R>, CareerCentre;
    POST "/api/v1/resettlement-applications/{id}/contract" => resettlement::api::contract::<S, R>, CareerCentre;
    POST "/api/v1/resettlement-applications/{id}/move-notice" => resettlement::api::move_notice::<S, R>, Citizen;
    GET "/ui/resettlement/apply" => resettlement::pages::apply_page::<S, R>, SignedIn;
    POST "/ui/resettlement/apply" => resettlement::pages::apply::<S, R>, SignedIn;
    POST "/ui/resettlement/cases/{id}/commission" => resettlement::pages::commission::<S, R>, CareerCentre;
    POST "/ui/resettlement/cases/{id}/referral" => resettlement::pages::referral::<S, R>, CareerCentre;
    POST "/ui/resettlement/cases/{id}/tear-off" => resettlement::pages::tear_off::<S, R>, CareerCentre;
    POST "/ui/resettlement/cases/{id}/contract" => resettlement::pages::contract::<S, R>, CareerCentre;
    POST "/ui/resettlement/cases/{id}/move-notice" => resettlement::pages::move_notice::<S, R>, Citizen;
    POST "/api/v1/rent-applications" => rent::api::apply::<S, R>, Citizen;
    POST "/api/v1/rent-applications/{id}/forward" => rent::api::forward::<S, R>, CareerCentre;
    POST "/api/v1/rent-applications/{id}/decision" => rent::api::decide::<S, R>, Centre;
    POST "/api/v1/relocation-applications/{id}/decision" => rent::api::decide_relocation::<S, R>, Centre;
    POST "/api/v1/rent-applications/{id}/account" => rent::api::new_account::<S, R>, Citizen;
    POST "/api/v1/rent-payroll" => rent::api::payroll::<S, R>, Centre;
    POST "/api/v1/bank-files" => rent::api::export::<S, R>, Centre;
    POST "/api/v1/bank-notifications" => rent::api::reconcile::<S, R>, Centre;
    GET "/ui/rent/apply" => rent::pages::apply_form::<S, R>, Citizen;
    POST "/ui/rent/apply" => rent::pages::apply::<S, R>, Citizen;
    GET "/ui/rent/payments" => rent::pages::payments::<S, R>, Citizen;
    POST "/ui/rent/payments/{id}/account" => rent::pages::new_account::<S, R>, Citizen;
    POST "/ui/rent/applications/{id}/forward" => rent::pages::forward::<S, R>, CareerCentre;
    POST "/ui/rent/applications/{id}/decision" => rent::pages::decide::<S, R>, Centre;
    POST "/ui/relocation/applications/{id}/decision" => rent::pages::decide_relocation::<S, R>, Centre;
    GET "/ui/rent/payroll" => rent::pages::payroll::<S, R>, Centre;
    POST "/ui/rent/payroll" => rent::pages::run_payroll::<S, R>, Centre;
    POST "/ui/rent/bank-file" => rent::pages::bank_file::<S, R>, Centre;
    POST "/ui/rent/bank-notification" => rent::pages::bank_notification::<S, R>, Centre;

    GET "/ui/admin/outbox" => ui::outbox::<S, R>, Administrator;
    GET "/ui/admin/law" => admin::law::page::<S, R>, Administrator;
    POST "/ui/admin/law/editions" => admin::law::add_edition::<S, R>, Administrator;
    POST "/ui/admin/law/transfers" => admin::law::add_transfer::<S, R>, Administrator;
    POST "/ui/admin/law/holidays" => admin::law::add_holiday::<S, R>, Administrator;
    POST "/ui/admin/law/withdrawals" => admin::law::add_withdrawal::<S, R>, Administrator;
    POST "/ui/admin/quotas" => admin::law::set_quota::<S, R>, Administrator;
    GET "/ui/admin/users" => admin::users::page::<S, R>, Administrator;
    POST "/ui/admin/users" => admin::users::put::<S, R>, Administrator;
}

/// The metric label of a request: its route's path as the table writes it, or `unmatched` (labels stay
/// bounded, never a raw path).
pub fn label(matched: Option<&str>, path: &str) -> &'static str {
    let wanted = matched.unwrap_or(path);
    ALL_ROUTES
        .iter()
        .find(|r| r.path == wanted)
        .map_or("unmatched", |r| r.path)
}
