//! Why a document could not be made, signed or read: closed enums with stable snake_case codes.

/// Why a form could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// No template has this form id.
    #[error("no form {form}")]
    UnknownForm { form: String },
    /// A field the template needs is not in the data.
    #[error("form {form}: field {field} is required")]
    MissingField { form: String, field: String },
    /// A field has a kind of value the template cannot print there (a table where a scalar is expected, a
    /// choice that is not one of the options).
    #[error("form {form}: field {field} has a value of the wrong kind")]
    WrongValue { form: String, field: String },
    /// The document number has characters other than letters, digits, `-`, `/` and `.`: it is printed in the
    /// verification URL and stored in the metadata, so it is kept to a safe alphabet.
    #[error("document number must be letters, digits, '-', '/' or '.'")]
    Number,
    /// An embedded template or the text catalog does not parse: a defect of the build, caught by the tests.
    #[error("template {file}: {detail}")]
    Template { file: String, detail: String },
    /// The PDF library refused the document (a defect: fonts are embedded and checked by the tests).
    #[error("pdf: {0}")]
    Pdf(String),
}

impl DocumentError {
    pub const CODES: &'static [&'static str] = &[
        "document_unknown_form",
        "document_missing_field",
        "document_wrong_value",
        "document_number",
        "document_template",
        "document_pdf",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::UnknownForm { .. } => "document_unknown_form",
            DocumentError::MissingField { .. } => "document_missing_field",
            DocumentError::WrongValue { .. } => "document_wrong_value",
            DocumentError::Number => "document_number",
            DocumentError::Template { .. } => "document_template",
            DocumentError::Pdf(_) => "document_pdf",
        }
    }
}

/// Why a document could not be signed, or a key or certificate not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The PDF is not one this crate wrote (no trailer or catalog where expected), or is already signed.
    #[error("pdf cannot take a signature: {0}")]
    Pdf(&'static str),
    /// The key or certificate could not be read (PEM or DER).
    #[error("key or certificate unreadable: {0}")]
    Key(String),
    /// The key does not belong to the certificate.
    #[error("key does not match the certificate")]
    KeyMismatch,
    /// The cryptographic library failed while signing.
    #[error("signing failed: {0}")]
    Crypto(String),
    /// The signature does not fit the space reserved for it.
    #[error("signature is larger than the space reserved for it")]
    TooLarge,
}

impl SignError {
    pub const CODES: &'static [&'static str] = &[
        "sign_pdf",
        "sign_key",
        "sign_key_mismatch",
        "sign_crypto",
        "sign_too_large",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            SignError::Pdf(_) => "sign_pdf",
            SignError::Key(_) => "sign_key",
            SignError::KeyMismatch => "sign_key_mismatch",
            SignError::Crypto(_) => "sign_crypto",
            SignError::TooLarge => "sign_too_large",
        }
    }
}

impl From<openssl::error::ErrorStack> for SignError {
    fn from(e: openssl::error::ErrorStack) -> Self {
        SignError::Crypto(e.to_string())
    }
}
