//! Scrolling a tall column of rows (a form's fields, a long list) into a few screen rows,
//! with "more above/below" marker rows.

/// The rows of a tall column that show on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    /// The first row shown.
    pub start: usize,
    /// One past the last row shown.
    pub end: usize,
    /// Whether the first screen row is a "more above" marker.
    pub above: bool,
    /// Whether the last screen row is a "more below" marker.
    pub below: bool,
}

/// Which of `total` rows show in `rows` screen rows so that `target_start..target_end` shows
/// (at least its first row when it is taller than the screen), moving as little as possible
/// from `top`. Marker rows take screen rows only when there are at least three.
pub(super) fn scroll_window(
    top: usize,
    target_start: usize,
    target_end: usize,
    total: usize,
    rows: u16,
) -> Window {
    let rows = usize::from(rows);
    if total <= rows {
        return Window {
            start: 0,
            end: total,
            above: false,
            below: false,
        };
    }
    let markers = rows >= 3;
    let view = |start: usize| {
        let above = markers && start > 0;
        let room = rows - usize::from(above);
        let below = markers && start + room < total;
        Window {
            start,
            end: (start + room - usize::from(below)).min(total),
            above,
            below,
        }
    };
    let target_start = target_start.min(total - 1);
    let target_end = target_end.clamp(target_start + 1, total);
    let mut start = top.min(target_start);
    while start < target_start && view(start).end < target_end {
        start += 1;
    }
    while start > 0 && view(start).end == total && view(start - 1).end == total {
        start -= 1;
    }
    view(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits() {
        let window = scroll_window(3, 1, 2, 5, 5);
        assert_eq!(
            (window.start, window.end, window.above, window.below),
            (0, 5, false, false)
        );
    }

    #[test]
    fn scrolls_down_just_enough_with_markers() {
        let window = scroll_window(0, 6, 8, 20, 5);
        assert!(window.above && window.below);
        assert_eq!((window.start, window.end), (5, 8));
    }

    #[test]
    fn the_bottom_leaves_no_empty_rows() {
        let window = scroll_window(0, 19, 20, 20, 5);
        assert_eq!(
            (window.start, window.end, window.above, window.below),
            (16, 20, true, false)
        );
        let back_up = scroll_window(window.start, 17, 18, 20, 5);
        assert_eq!(
            back_up.start, 16,
            "moving up inside the window does not scroll"
        );
    }

    #[test]
    fn a_target_taller_than_the_screen_shows_its_first_row() {
        let window = scroll_window(0, 4, 14, 20, 4);
        assert_eq!((window.start, window.end), (4, 6));
    }

    #[test]
    fn tiny_screens_have_no_markers() {
        let window = scroll_window(0, 9, 10, 20, 2);
        assert_eq!(
            (window.start, window.end, window.above, window.below),
            (8, 10, false, false)
        );
        let none = scroll_window(0, 9, 10, 20, 0);
        assert_eq!(none.start, none.end);
    }
}
