//! Every rule's documentation, as the Rules view and a finding's detail
//! pane show it.

use crate::error::{CommandError, CommandResult};
use serde::Serialize;
use tenet_engine::checklist;
use tenet_engine::rules::{self, RuleMeta};
use tenet_engine::Severity;

#[derive(Debug, Serialize)]
pub struct RuleBrief {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub item: Option<&'static str>,
    pub item_title: Option<&'static str>,
    pub summary: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading { text: String },
    Paragraph { text: String },
    Code { text: String },
    List { items: Vec<String> },
}

#[derive(Debug, Serialize)]
pub struct RuleDoc {
    #[serde(flatten)]
    pub brief: RuleBrief,
    pub blocks: Vec<Block>,
}

fn brief(meta: &'static RuleMeta) -> RuleBrief {
    RuleBrief {
        code: meta.code,
        name: meta.name,
        severity: meta.severity,
        item: meta.item,
        item_title: meta.item.and_then(checklist::item).map(|i| i.title),
        summary: meta.summary,
    }
}

/// Prose as paragraphs and bullet lists (lines starting with `- `).
fn prose(text: &str, blocks: &mut Vec<Block>) {
    for part in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<&str> = part.lines().map(str::trim).collect();
        if lines.iter().all(|l| l.starts_with("- ")) {
            blocks.push(Block::List {
                items: lines.iter().map(|l| l[2..].to_string()).collect(),
            });
        } else {
            blocks.push(Block::Paragraph {
                text: lines.join(" "),
            });
        }
    }
}

pub fn doc_of(meta: &'static RuleMeta) -> RuleDoc {
    let doc = &meta.doc;
    let mut blocks = Vec::new();
    let section = |heading: &str, blocks: &mut Vec<Block>| {
        blocks.push(Block::Heading {
            text: heading.to_string(),
        })
    };
    section("What it does", &mut blocks);
    prose(doc.what, &mut blocks);
    section("Why is this bad?", &mut blocks);
    prose(doc.why, &mut blocks);
    if !doc.bad.trim().is_empty() {
        section("Example", &mut blocks);
        blocks.push(Block::Code {
            text: doc.bad.trim_matches('\n').to_string(),
        });
    }
    if !doc.good.trim().is_empty() {
        section("Use instead", &mut blocks);
        blocks.push(Block::Code {
            text: doc.good.trim_matches('\n').to_string(),
        });
    }
    section("How to fix it", &mut blocks);
    prose(doc.fix, &mut blocks);
    RuleDoc {
        brief: brief(meta),
        blocks,
    }
}

#[tauri::command(async)]
pub fn list_rules() -> Vec<RuleBrief> {
    rules::REGISTRY.iter().map(|meta| brief(meta)).collect()
}

#[tauri::command(async)]
pub fn rule_doc(code: String) -> CommandResult<RuleDoc> {
    rules::find(&code).map(doc_of).ok_or_else(|| {
        CommandError::not_found(format!("no rule `{code}`; see the Rules view for the list"))
    })
}
