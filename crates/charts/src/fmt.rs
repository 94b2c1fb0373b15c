//! Numbers and dates as the charts and their tables write them.

/// `12345` → `12,345`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count in words up to ten ("six scans"), digits beyond.
pub fn count_words(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| count(n), |w| w.to_string())
}

/// `n` and the noun, singular or plural: "1 error", "3 errors".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// One decimal, trailing `.0` dropped: 12.5, 3.
pub fn decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Unix seconds → (year, month, day) in UTC.
pub fn civil_date(seconds: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Unix seconds → `2025-03-14` (UTC).
pub fn date(seconds: i64) -> String {
    let (y, m, d) = civil_date(seconds);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Unix seconds → `2025-03-14 09:30` (UTC).
pub fn date_time(seconds: i64) -> String {
    let minutes = seconds.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02}", date(seconds), minutes / 60, minutes % 60)
}

/// Axis ticks from 0 covering `max`: a step of 1, 2 or 5 × 10ⁿ giving at
/// most `most` intervals. Returns (step, top).
pub fn nice_ticks(max: u64, most: u64) -> (u64, u64) {
    let max = max.max(1);
    let most = most.max(1);
    let mut magnitude = 1u64;
    loop {
        for factor in [1, 2, 5] {
            let step = magnitude.saturating_mul(factor);
            let intervals = max.div_ceil(step);
            if intervals <= most || step == u64::MAX {
                return (step, intervals.saturating_mul(step));
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}
