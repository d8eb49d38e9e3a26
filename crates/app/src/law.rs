//! The law in force for the use cases: the embedded `law/` files with the administrators' amendments
//! (`legal::amend`) applied in order. Amendments live in the store, so every instance sharing a database
//! converges on the same law: an instance applies another's amendments at its next [`App::refresh_law`].

use std::sync::{Arc, PoisonError, RwLock};

use jiff::Timestamp;
use legal::Law;
use legal::amend::Amendment;
use store::{AmendmentRecord, Store, StoreError};

use crate::{App, AppError, Principal, authz};

/// An amendment in force, and the running deadlines it moved.
#[derive(Debug, Clone)]
pub struct Amended {
    pub record: AmendmentRecord,
    /// `None` when the deadlines could not be counted again at once; the deadline job does it at its next run.
    pub recount: Option<crate::DeadlineRecount>,
}

/// The current law and how many amendments it includes.
#[derive(Debug)]
pub struct Laws {
    current: RwLock<(Arc<Law>, i64)>,
}

impl Laws {
    /// The embedded law, no amendments applied yet.
    pub fn new(law: Law) -> Laws {
        Laws {
            current: RwLock::new((Arc::new(law), 0)),
        }
    }

    /// The law in force now; a use case keeps it for its whole run, so it decides on one law.
    pub fn get(&self) -> Arc<Law> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner).0)
    }

    pub(crate) fn applied(&self) -> i64 {
        self.current.read().unwrap_or_else(PoisonError::into_inner).1
    }

    fn set(&self, law: Law, applied: i64) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = (Arc::new(law), applied);
    }
}

fn parsed(records: &[AmendmentRecord]) -> Result<Vec<Amendment>, AppError> {
    records
        .iter()
        .map(|r| {
            serde_json::from_str(&r.body).map_err(|e| {
                AppError::Store(StoreError::Corrupt {
                    table: "law_amendments",
                    id: r.seq.to_string(),
                    reason: e.to_string(),
                })
            })
        })
        .collect()
}

fn refused(records: &[AmendmentRecord], (index, e): (usize, legal::amend::AmendError)) -> AppError {
    let seq = records.get(index).map_or(0, |r| r.seq);
    AppError::LawRefused {
        code: e.code(),
        reason: format!("amendment {seq}: {e}"),
    }
}

impl<S: Store, R: Sync> App<S, R> {
    /// Applies the amendments other instances made since this one last looked; `true` when the law changed.
    /// An amendment the law refuses (the database was edited, or a new build's `law/` now conflicts with
    /// it) is an error and the law in force stays as it was.
    pub async fn refresh_law(&self) -> Result<bool, AppError> {
        let records = self.store.amendments().await.map_err(AppError::Store)?;
        let last = records.last().map_or(0, |r| r.seq);
        if last == self.law.applied() {
            return Ok(false);
        }
        let law = Law::amended(&parsed(&records)?).map_err(|e| refused(&records, e))?;
        self.law.set(law, last);
        Ok(true)
    }

    /// The law with the stored amendments and `amendment` after them, and the stored amendments; an
    /// amendment the law refuses is `LawRefused`.
    async fn amending(&self, amendment: &Amendment) -> Result<(Law, Vec<AmendmentRecord>), AppError> {
        let records = self.store.amendments().await.map_err(AppError::Store)?;
        let mut all = parsed(&records)?;
        all.push(amendment.clone());
        let law = Law::amended(&all).map_err(|(i, e)| {
            if i < records.len() {
                refused(&records, (i, e))
            } else {
                AppError::LawRefused {
                    code: e.code(),
                    reason: e.to_string(),
                }
            }
        })?;
        Ok((law, records))
    }

    /// The law `amendment` would make, checked as [`App::amend_law`] checks it, for a preview.
    pub(crate) async fn amended_with(&self, amendment: &Amendment) -> Result<Law, AppError> {
        self.amending(amendment).await.map(|(law, _)| law)
    }

    /// Amends the law: the amendment is checked by loading the whole law with it (every check the `law/`
    /// files pass), then stored with its audit record, and is in force from the next use case on. Another
    /// administrator's amendment made meanwhile is a conflict, never a silent merge. The running deadlines of
    /// open cases are then counted again under the amended law ([`App::recount_deadlines`]).
    pub async fn amend_law(&self, p: &Principal, amendment: &Amendment, now: Timestamp) -> Result<Amended, AppError> {
        if !authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        let actor = &p.actor()?;
        let (law, records) = self.amending(amendment).await?;
        let body =
            serde_json::to_string(amendment).map_err(|e| AppError::Store(StoreError::Unavailable(e.to_string())))?;
        let expected = records.last().map_or(0, |r| r.seq);
        let basis = match amendment {
            Amendment::Edition { reference, .. } => format!("{} {}", reference.act, reference.point),
            Amendment::Transfer { act, .. } => act.clone(),
            Amendment::Holiday { source, .. } => source.clone(),
            Amendment::Withdrawal { reason, .. } => reason.clone(),
        };
        let record = self
            .store
            .add_amendment(&body, &amendment.summary(), expected, actor, &basis, now)
            .await
            .map_err(AppError::Store)?;
        self.law.set(law, record.seq);
        let recount = self.recount_deadlines(actor, now).await.ok();
        Ok(Amended { record, recount })
    }

    /// The amendments made to the embedded law, in order, for the administrator.
    pub async fn amendments(&self, p: &Principal) -> Result<Vec<AmendmentRecord>, AppError> {
        if !authz::may_administer(p) {
            return Err(AppError::NotFound);
        }
        Ok(self.store.amendments().await?)
    }
}
