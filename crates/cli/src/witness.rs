//! The audit witness on disk: the signing key (`--audit-key FILE`, created on first use with owner-only
//! permissions, never in the database) and the witness folder (`--audit-witness DIR`): `keys/<id>.pub`, the
//! public key of every key that ever signed (so checkpoints survive a rotation), and `checkpoints/`, one signed
//! checkpoint of every chain's head per file, named by time so that name order is time order.
//! For SQLite both default to beside the database file (`qonys.db.witness/`, `qonys.db.audit-key`); for
//! PostgreSQL they must be configured.

use std::io::Write;
use std::path::{Path, PathBuf};

use store::witness::{Checkpoint, PublicKey, SigningKey, WitnessError};

use crate::failure::Failure;

/// The witness folder and key file the database's defaults give, for SQLite.
pub(crate) fn defaults(database: &str) -> Option<(PathBuf, PathBuf)> {
    let path = database.strip_prefix("sqlite://")?;
    Some((
        PathBuf::from(format!("{path}.witness")),
        PathBuf::from(format!("{path}.audit-key")),
    ))
}

/// The signing key of `path`, created (owner read and write only) when the file does not exist.
pub(crate) fn key(path: &Path) -> Result<SigningKey, Failure> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            store::witness::key_from_text(&text).ok_or_else(|| Failure::input("audit_key_invalid", "--audit-key"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = store::witness::key_from_text(&app::identity::new_token())
                .ok_or_else(|| Failure::internal("a fresh key".into()))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(path)
                .map_err(|_| Failure::input("audit_key_unwritable", "--audit-key"))?;
            file.write_all(store::witness::key_text(&key).as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|_| Failure::input("audit_key_unwritable", "--audit-key"))?;
            Ok(key)
        }
        Err(_) => Err(Failure::input("audit_key_invalid", "--audit-key")),
    }
}

/// A witness folder with its key: checkpoints are written here.
#[derive(Debug)]
pub(crate) struct Witness {
    dir: PathBuf,
    key: SigningKey,
}

impl Witness {
    /// Opens (creating) the folder and records the key's public half in it.
    pub(crate) fn open(dir: &Path, key_path: &Path) -> Result<Witness, Failure> {
        let key = key(key_path)?;
        let unwritable = |_| Failure::input("audit_witness_unwritable", "--audit-witness");
        std::fs::create_dir_all(dir.join("keys")).map_err(unwritable)?;
        std::fs::create_dir_all(dir.join("checkpoints")).map_err(unwritable)?;
        let public = key.verifying_key();
        let file = dir
            .join("keys")
            .join(format!("{}.pub", store::witness::key_id(&public)));
        if !file.exists() {
            std::fs::write(&file, store::witness::public_text(&public)).map_err(unwritable)?;
        }
        Ok(Witness {
            dir: dir.to_owned(),
            key,
        })
    }

    /// Writes a checkpoint of the heads of `records` made at `at` (written whole, then renamed into place).
    pub(crate) fn checkpoint(&self, records: &[store::AuditRecord], at: jiff::Timestamp) -> Result<PathBuf, Failure> {
        let stamp = at.strftime("%Y%m%dT%H%M%S%.6fZ").to_string();
        let checkpoint = Checkpoint::new(&self.key, &at.to_string(), store::witness::heads_of(records));
        let name = format!("{stamp}-{}.txt", checkpoint.key_id);
        let path = self.dir.join("checkpoints").join(&name);
        let partial = self.dir.join("checkpoints").join(format!(".{name}.partial"));
        let unwritable = |_| Failure::input("audit_witness_unwritable", "--audit-witness");
        std::fs::write(&partial, checkpoint.signed(&self.key)).map_err(unwritable)?;
        std::fs::rename(&partial, &path).map_err(unwritable)?;
        Ok(path)
    }
}

/// A checkpoint file's name and the checkpoint, or why it does not verify.
pub(crate) type Checked = (String, Result<Checkpoint, WitnessError>);

/// Every checkpoint in `dir`, oldest first, each verified with the public key it names: the file name and
/// the checkpoint, or why it does not verify.
pub(crate) fn checkpoints(dir: &Path) -> Result<Vec<Checked>, Failure> {
    let unreadable = |_| Failure::input("audit_witness_unreadable", "--audit-witness");
    let mut keys: Vec<PublicKey> = Vec::new();
    for entry in std::fs::read_dir(dir.join("keys")).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if let Some(k) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| store::witness::parse_public(&t))
        {
            keys.push(k);
        }
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("checkpoints"))
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).map_err(unreadable)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let checked = Checkpoint::verify(&text, |id| {
                keys.iter().find(|k| store::witness::key_id(k) == id).copied()
            });
            Ok((name, checked))
        })
        .collect()
}
