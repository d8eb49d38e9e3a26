//! The administrator's pages: the law in force with its amendments and the quotas (`law`), and the accounts
//! (`users`).

pub mod law;
pub mod users;

pub use law::param_key;
