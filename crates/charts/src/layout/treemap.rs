//! Squarified treemap (Bruls, Huizing and van Wijk, 2000): rows of
//! rectangles whose aspect ratios stay close to 1, so small files stay
//! visible as squares rather than slivers.

use crate::display::Rect;

/// Splits `area` among `values` (sorted largest first, all > 0) in
/// proportion; the rectangles come back in the order of `values`.
pub fn squarify(values: &[f64], area: Rect) -> Vec<Rect> {
    let mut out = Vec::with_capacity(values.len());
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 || area.w <= 0.0 || area.h <= 0.0 {
        out.resize(values.len(), Rect::new(area.x, area.y, 0.0, 0.0));
        return out;
    }
    let unit = f64::from(area.w) * f64::from(area.h) / total;
    let areas: Vec<f64> = values.iter().map(|v| v * unit).collect();
    let (mut x, mut y, mut w, mut h) = (
        f64::from(area.x),
        f64::from(area.y),
        f64::from(area.w),
        f64::from(area.h),
    );
    let mut start = 0;
    while start < areas.len() {
        let side = w.min(h).max(f64::MIN_POSITIVE);
        // Grow the row while its worst aspect ratio improves.
        let mut end = start + 1;
        let mut sum = areas[start];
        let mut worst = worst_ratio(areas[start], areas[start], sum, side);
        while end < areas.len() {
            let next_sum = sum + areas[end];
            let next_worst = worst_ratio(areas[start], areas[end], next_sum, side);
            if next_worst > worst {
                break;
            }
            sum = next_sum;
            worst = next_worst;
            end += 1;
        }
        // The last row takes what is left, so rounding never leaves a gap.
        let last = end == areas.len();
        if w >= h {
            let thickness = if last { w } else { (sum / h).min(w) };
            let mut cursor = y;
            for (index, a) in areas[start..end].iter().enumerate() {
                let length = if index + 1 == end - start {
                    y + h - cursor
                } else {
                    a / thickness.max(f64::MIN_POSITIVE)
                };
                out.push(rect(x, cursor, thickness, length));
                cursor += length;
            }
            x += thickness;
            w -= thickness;
        } else {
            let thickness = if last { h } else { (sum / w).min(h) };
            let mut cursor = x;
            for (index, a) in areas[start..end].iter().enumerate() {
                let length = if index + 1 == end - start {
                    x + w - cursor
                } else {
                    a / thickness.max(f64::MIN_POSITIVE)
                };
                out.push(rect(cursor, y, length, thickness));
                cursor += length;
            }
            y += thickness;
            h -= thickness;
        }
        start = end;
    }
    out
}

fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
    Rect::new(x as f32, y as f32, w.max(0.0) as f32, h.max(0.0) as f32)
}

/// The worst aspect ratio in a row of total area `sum` laid along `side`,
/// whose largest and smallest members are `largest` and `smallest`.
fn worst_ratio(largest: f64, smallest: f64, sum: f64, side: f64) -> f64 {
    let side2 = side * side;
    let sum2 = sum * sum;
    (side2 * largest / sum2).max(sum2 / (side2 * smallest))
}
