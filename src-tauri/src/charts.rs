//! Charts for the overview. Until the charts crate is wired in, the
//! overview carries none and the UI says so.

use crate::error::CommandResult;
use crate::settings::Settings;
use serde::Serialize;
use tenet_store::{ProjectId, ScanId, Store, StoredScan};

#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub image: String,
    pub width: u32,
    pub height: u32,
    pub title: String,
    pub alt: String,
    pub renderer: String,
    pub table: DataTable,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Charts {
    pub trend: Option<Chart>,
    pub checklist: Option<Chart>,
    pub hotspots: Option<Chart>,
}

pub fn describe() -> String {
    "no chart renderer in this build".into()
}

pub fn overview(
    _store: &Store,
    _project: ProjectId,
    _scan: ScanId,
    _stored: &StoredScan,
    _settings: &Settings,
) -> CommandResult<Charts> {
    Ok(Charts::default())
}
