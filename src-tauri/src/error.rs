//! The one error every command returns. It reaches the webview as
//! `{kind, message}`: `kind` lets the UI choose how to show it, `message`
//! is a sentence for a reviewer that names what and where.

use serde::Serialize;
use tenet_store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Config,
    Database,
    Io,
    Busy,
    Cancelled,
    Dialog,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::NotFound, message)
    }

    pub fn invalid(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Invalid, message)
    }

    pub fn io(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Io, message)
    }
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> CommandError {
        let kind = match &error {
            StoreError::NotFound(_) => ErrorKind::NotFound,
            StoreError::Invalid(_) => ErrorKind::Invalid,
            StoreError::CannotOpen { .. }
            | StoreError::TooNew { .. }
            | StoreError::Sqlite { .. } => ErrorKind::Database,
        };
        CommandError::new(kind, error.to_string())
    }
}

impl From<tenet_engine::ConfigError> for CommandError {
    fn from(error: tenet_engine::ConfigError) -> CommandError {
        CommandError::new(ErrorKind::Config, error.to_string())
    }
}

impl From<tauri::Error> for CommandError {
    fn from(error: tauri::Error) -> CommandError {
        CommandError::new(ErrorKind::Internal, error.to_string())
    }
}
