//! rusqlite rows as `store::rows::Columns`; the decoding itself is shared in `store::rows`.

use rusqlite::Row;
use store::rows::Columns;

/// The wrapper exists because `Columns` and `Row` are both foreign to this crate.
pub(crate) struct SqliteRow<'a, 'stmt>(pub(crate) &'a Row<'stmt>);

impl Columns for SqliteRow<'_, '_> {
    fn int(&self, i: usize) -> Result<Option<i64>, String> {
        self.0.get(i).map_err(|e| e.to_string())
    }

    fn text(&self, i: usize) -> Result<Option<String>, String> {
        self.0.get(i).map_err(|e| e.to_string())
    }
}
