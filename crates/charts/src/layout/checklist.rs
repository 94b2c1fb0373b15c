//! Checklist: one horizontal bar per item, stacked by severity, with the
//! item's status as a symbol and a word before its title.

use super::{empty_message, severity_fill, severity_legend, text, title, MARGIN, SMALL_SIZE};
use crate::display::{Anchor, DisplayList, Rect};
use crate::fmt;
use crate::model::{ChecklistBar, ItemStatus};
use crate::palette::{Palette, Severity};
use crate::text::font;

const MAX_ROW: f32 = 28.0;

pub fn layout(bars: &[ChecklistBar], palette: &Palette, list: &mut DisplayList) {
    let passing = bars.iter().filter(|b| b.status == ItemStatus::Pass).count() as u64;
    let applicable = bars
        .iter()
        .filter(|b| b.status != ItemStatus::NotApplicable)
        .count() as u64;
    title(
        list,
        palette,
        &format!(
            "Checklist: {} of {} applicable items pass",
            fmt::count(passing),
            fmt::count(applicable)
        ),
    );
    let legend_y = MARGIN + 24.0;
    severity_legend(list, palette, legend_y);

    let top = legend_y + 26.0;
    let bottom = list.height - MARGIN - SMALL_SIZE - 8.0;
    let area = Rect::new(
        MARGIN,
        top,
        list.width - 2.0 * MARGIN,
        (bottom - top).max(1.0),
    );
    if bars.is_empty() {
        empty_message(list, palette, area, "No checklist items");
        return;
    }
    let row = (area.h / bars.len() as f32).min(MAX_ROW);
    let size = (row * 0.62).clamp(4.0, 12.0);

    let status_width = [
        ItemStatus::Pass,
        ItemStatus::Fail,
        ItemStatus::NeedsReview,
        ItemStatus::NotApplicable,
    ]
    .iter()
    .map(|s| font::measure(&status_text(*s), size))
    .fold(0.0, f32::max)
        + 8.0;
    let title_width = bars
        .iter()
        .map(|b| font::measure(&b.title, size))
        .fold(0.0, f32::max)
        .min(area.w * 0.38)
        + 8.0;
    let max_total = bars.iter().map(ChecklistBar::total).max().unwrap_or(0);
    let (step, top_value) = fmt::nice_ticks(max_total, 5);
    let count_width = font::measure(&fmt::count(max_total), size) + 8.0;
    let plot = Rect::new(
        area.x + status_width + title_width,
        area.y,
        (area.w - status_width - title_width - count_width).max(1.0),
        row * bars.len() as f32,
    );
    let x_of = |value: u64| plot.x + (value as f64 / top_value as f64) as f32 * plot.w;

    for i in 0..=top_value / step {
        let x = x_of(i * step);
        list.line([x, plot.y], [x, plot.bottom()], palette.grid, 1.0);
        list.text(text(
            x,
            plot.bottom() + SMALL_SIZE + 5.0,
            SMALL_SIZE,
            palette.muted,
            Anchor::Middle,
            fmt::count(i * step),
        ));
    }
    list.line([plot.x, plot.y], [plot.x, plot.bottom()], palette.axis, 1.0);

    for (index, bar) in bars.iter().enumerate() {
        let y = plot.y + index as f32 * row;
        let baseline = y + row / 2.0 + size * 0.36;
        let status_color = match bar.status {
            ItemStatus::Pass => palette.pass,
            ItemStatus::Fail => palette.fail,
            ItemStatus::NeedsReview => palette.review,
            ItemStatus::NotApplicable => palette.muted,
        };
        list.text(text(
            area.x,
            baseline,
            size,
            status_color,
            Anchor::Start,
            status_text(bar.status),
        ));
        if let Some(fitted) = font::fit(&bar.title, size, title_width - 8.0) {
            list.text(text(
                area.x + status_width,
                baseline,
                size,
                palette.text,
                Anchor::Start,
                fitted,
            ));
        }
        let height = row * 0.6;
        let mut base = 0;
        for (severity, value) in Severity::ALL
            .into_iter()
            .zip([bar.error, bar.warning, bar.info])
        {
            if value == 0 {
                continue;
            }
            let (x0, x1) = (x_of(base), x_of(base.saturating_add(value)));
            list.rect(
                Rect::new(x0, y + (row - height) / 2.0, x1 - x0, height),
                severity_fill(palette, severity),
            );
            base = base.saturating_add(value);
        }
        list.text(text(
            x_of(base) + 4.0,
            baseline,
            size,
            palette.muted,
            Anchor::Start,
            fmt::count(base),
        ));
    }
}

fn status_text(status: ItemStatus) -> String {
    format!("{} {}", status.symbol(), status.word())
}
