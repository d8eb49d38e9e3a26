//! tokio-postgres rows as `store::rows::Columns`; the decoding itself is shared in `store::rows`.

use store::rows::Columns;
use tokio_postgres::Row;

/// The wrapper exists because `Columns` and `Row` are both foreign to this crate.
pub(crate) struct PgRow<'a>(pub(crate) &'a Row);

impl Columns for PgRow<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        self.0.try_get(i).map_err(|e| e.to_string())
    }

    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.0.try_get(i).map_err(|e| e.to_string())
    }
}
