//! Trend: findings per scan stacked by severity (bars while there is room,
//! areas beyond), the score as a line on a 0–100 right axis, dates below.

use super::{
    empty_message, severity_fill, severity_legend, text, title, LABEL_SIZE, MARGIN, SMALL_SIZE,
};
use crate::display::{Anchor, DisplayList, Item, MarkerShape, Rect, Stroke};
use crate::fmt;
use crate::model::TrendPoint;
use crate::palette::{Palette, Severity};
use crate::text::font;

/// Narrower slots than this draw areas instead of bars.
const MIN_BAR_SLOT: f32 = 6.0;
/// Score markers only while each scan has this much room.
const MIN_MARKER_SLOT: f32 = 10.0;

pub fn layout(points: &[TrendPoint], palette: &Palette, list: &mut DisplayList) {
    let heading = match points.len() {
        0 => "Findings per scan".to_string(),
        n => format!(
            "Findings per scan and checklist score, {}",
            fmt::plural(n as u64, "scan", "scans")
        ),
    };
    title(list, palette, &heading);
    let legend_y = MARGIN + 24.0;
    let x = severity_legend(list, palette, legend_y);
    score_legend(list, palette, x, legend_y);

    let max_total = points.iter().map(TrendPoint::total).max().unwrap_or(0);
    let (step, top) = fmt::nice_ticks(max_total, 5);
    let left_labels = (0..=top / step)
        .map(|i| font::measure(&fmt::count(i * step), SMALL_SIZE))
        .fold(0.0, f32::max);
    let right_labels = font::measure("100", SMALL_SIZE);
    let plot = Rect::new(
        MARGIN + left_labels + 6.0,
        legend_y + 30.0,
        (list.width - 2.0 * MARGIN - left_labels - right_labels - 12.0).max(1.0),
        (list.height - legend_y - 30.0 - MARGIN - SMALL_SIZE - 8.0).max(1.0),
    );

    // Grid and the left axis: findings.
    let y_of = |value: f64| plot.bottom() - (value / top as f64) as f32 * plot.h;
    for i in 0..=top / step {
        let y = y_of((i * step) as f64);
        list.line([plot.x, y], [plot.right(), y], palette.grid, 1.0);
        list.text(text(
            plot.x - 6.0,
            y + 4.0,
            SMALL_SIZE,
            palette.muted,
            Anchor::End,
            fmt::count(i * step),
        ));
    }
    // The right axis: score, 0–100.
    for score in [0, 25, 50, 75, 100] {
        let y = plot.bottom() - score as f32 / 100.0 * plot.h;
        list.line(
            [plot.right(), y],
            [plot.right() + 3.0, y],
            palette.axis,
            1.0,
        );
        list.text(text(
            plot.right() + 6.0,
            y + 4.0,
            SMALL_SIZE,
            palette.muted,
            Anchor::Start,
            score.to_string(),
        ));
    }
    list.line(
        [plot.x, plot.bottom()],
        [plot.right(), plot.bottom()],
        palette.axis,
        1.0,
    );

    if points.is_empty() {
        empty_message(list, palette, plot, "No scans recorded yet");
        return;
    }

    let slot = plot.w / points.len() as f32;
    let center = |i: usize| plot.x + (i as f32 + 0.5) * slot;
    let severities = |p: &TrendPoint| [p.error, p.warning, p.info];
    if slot >= MIN_BAR_SLOT {
        let bar = (slot * 0.7).min(48.0);
        for (i, point) in points.iter().enumerate() {
            let mut base = 0u64;
            for (severity, value) in Severity::ALL.into_iter().zip(severities(point)) {
                if value == 0 {
                    continue;
                }
                let (y0, y1) = (y_of(base as f64), y_of((base.saturating_add(value)) as f64));
                list.rect(
                    Rect::new(center(i) - bar / 2.0, y1, bar, y0 - y1),
                    severity_fill(palette, severity),
                );
                base = base.saturating_add(value);
            }
        }
    } else {
        let xs: Vec<f32> = (0..points.len()).map(center).collect();
        let mut lower: Vec<f32> = vec![plot.bottom(); points.len()];
        let mut running = vec![0u64; points.len()];
        for (index, severity) in Severity::ALL.into_iter().enumerate() {
            for (total, point) in running.iter_mut().zip(points) {
                *total = total.saturating_add(severities(point)[index]);
            }
            let upper: Vec<f32> = running.iter().map(|t| y_of(*t as f64)).collect();
            list.items.push(Item::Band {
                xs: xs.clone(),
                lower: lower.clone(),
                upper: upper.clone(),
                fill: severity_fill(palette, severity),
            });
            lower = upper;
        }
    }

    // The score: a line through consecutive scored scans, with markers while
    // there is room (and always for a lone scored scan).
    let score_y = |s: u32| plot.bottom() - s.min(100) as f32 / 100.0 * plot.h;
    let stroke = Stroke {
        color: palette.score,
        width: 2.0,
    };
    let mut run: Vec<[f32; 2]> = Vec::new();
    let flush = |run: &mut Vec<[f32; 2]>, list: &mut DisplayList| {
        if run.len() >= 2 {
            list.items.push(Item::Polyline {
                points: std::mem::take(run),
                stroke,
            });
        } else if let Some(at) = run.pop() {
            marker(list, palette, at);
        }
        run.clear();
    };
    for (i, point) in points.iter().enumerate() {
        match point.score {
            Some(score) => run.push([center(i), score_y(score)]),
            None => flush(&mut run, list),
        }
    }
    flush(&mut run, list);
    if slot >= MIN_MARKER_SLOT {
        for (i, point) in points.iter().enumerate() {
            if let Some(score) = point.score {
                marker(list, palette, [center(i), score_y(score)]);
            }
        }
    }

    date_labels(points, plot, palette, list);
}

fn marker(list: &mut DisplayList, palette: &Palette, at: [f32; 2]) {
    list.items.push(Item::Marker {
        at,
        size: 7.0,
        shape: MarkerShape::Circle,
        fill: palette.background,
        stroke: Stroke {
            color: palette.score,
            width: 2.0,
        },
    });
}

/// "Score" in the legend: a line with the marker on it.
fn score_legend(list: &mut DisplayList, palette: &Palette, x: f32, y: f32) {
    if x + 24.0 > list.width - MARGIN {
        return;
    }
    let mid = y + 6.0;
    list.items.push(Item::Line {
        from: [x, mid],
        to: [x + 20.0, mid],
        stroke: Stroke {
            color: palette.score,
            width: 2.0,
        },
    });
    marker(list, palette, [x + 10.0, mid]);
    let room = list.width - MARGIN - x - 25.0;
    let label = ["Score (right axis)", "Score"]
        .into_iter()
        .find(|l| font::measure(l, LABEL_SIZE) <= room);
    if let Some(label) = label {
        list.text(text(
            x + 25.0,
            y + 10.5,
            LABEL_SIZE,
            palette.text,
            Anchor::Start,
            label.into(),
        ));
    }
}

/// Dates under the plot: as many as fit without touching, evenly spaced,
/// first scan always labelled.
fn date_labels(points: &[TrendPoint], plot: Rect, palette: &Palette, list: &mut DisplayList) {
    let span = points.last().map_or(0, |p| p.at) - points.first().map_or(0, |p| p.at);
    let label = |at: i64| {
        if span < 2 * 86_400 && points.len() > 1 {
            fmt::date_time(at)
        } else {
            fmt::date(at)
        }
    };
    let widest = font::measure(&label(points[0].at), SMALL_SIZE) + 14.0;
    let fits = ((plot.w / widest).floor() as usize).max(1);
    let every = points.len().div_ceil(fits).max(1);
    let slot = plot.w / points.len() as f32;
    let y = plot.bottom() + SMALL_SIZE + 5.0;
    for (i, point) in points.iter().enumerate().step_by(every) {
        let x = plot.x + (i as f32 + 0.5) * slot;
        list.line(
            [x, plot.bottom()],
            [x, plot.bottom() + 3.0],
            palette.axis,
            1.0,
        );
        // Keep the first and last labels inside the picture.
        let half = widest / 2.0 - 7.0;
        let x = x.clamp(half + 2.0, (list.width - half - 2.0).max(half + 2.0));
        list.text(text(
            x,
            y,
            SMALL_SIZE,
            palette.muted,
            Anchor::Middle,
            label(point.at),
        ));
    }
}
