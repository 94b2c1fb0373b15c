//! A baseline FILE: an earlier `tenet scan --format json` result or a SARIF
//! log, as a CI runner with an empty database keeps between runs.

use crate::output::Baseline;
use crate::UsageError;
use anyhow::Result;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

use tenet_report::SARIF_FINGERPRINT_KEY;

pub fn load(file: &Path) -> Result<Baseline> {
    let fail = |why: String| UsageError(format!("--baseline {}: {why}", file.display()));
    let text = std::fs::read_to_string(file).map_err(|e| fail(e.to_string()))?;
    let document: Value = serde_json::from_str(&text).map_err(|e| {
        fail(format!(
            "not JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let fingerprints = if let Some(findings) = document.get("findings").and_then(Value::as_array) {
        findings
            .iter()
            .filter(|f| f.get("suppressed").and_then(Value::as_bool) != Some(true))
            .filter_map(|f| f.get("fingerprint")?.as_str().map(str::to_string))
            .collect::<HashSet<_>>()
    } else if let Some(runs) = document.get("runs").and_then(Value::as_array) {
        runs.iter()
            .filter_map(|run| run.get("results")?.as_array())
            .flatten()
            .filter(|r| {
                // Suppressed results carry a non-empty `suppressions` array.
                r.get("suppressions")
                    .and_then(Value::as_array)
                    .is_none_or(|s| s.is_empty())
            })
            .filter_map(|r| {
                r.get("partialFingerprints")?
                    .get(SARIF_FINGERPRINT_KEY)?
                    .as_str()
                    .map(str::to_string)
            })
            .collect()
    } else {
        return Err(fail(
            "neither a Tenet JSON result (`findings`) nor a SARIF log (`runs`)".into(),
        )
        .into());
    };
    Ok(Baseline {
        source: format!("file {}", file.display()),
        fingerprints,
    })
}
