//! A ratatui backend that sends as few bytes as it can, for minute-taking over SSH.
//!
//! ratatui's `CrosstermBackend` already draws only the cells that changed, but for each frame
//! it also moves the cursor to the first changed cell, resets colours and attributes at the
//! end (about 20 bytes), shows the cursor again and moves it to the caret: typing one letter
//! costs about 45 bytes. [`LeanBackend`] remembers what the terminal's cursor and pen
//! (colours and attributes) are between frames, so typing one letter at the caret costs one
//! byte: the letter itself, which also moves the cursor to where the caret is next.
//!
//! It also:
//! - moves right along a row with `CSI n C` when that is shorter than `CSI row;col H`;
//! - writes SGR with the short codes for the 16 named colours (`31`, not `38;5;1`), one
//!   sequence per change;
//! - sends each frame in one write (the standard output's line buffer would cut big frames
//!   into 1 KiB pieces);
//! - wraps frames that change more than [`SYNC_THRESHOLD`] cells in synchronized output
//!   (`CSI ? 2026 h` ... `l`), so a full redraw appears at once (terminals that do not know
//!   the mode ignore it);
//! - drops colours when `NO_COLOR` is set, as crossterm does, keeping attributes.
//!
//! Everything else (size, clearing) goes through the wrapped `CrosstermBackend`.

use std::borrow::Cow;
use std::io::{self, Stdout, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use crate::text::is_bidi_control;

/// Frames that change more cells than this are sent as one synchronized update.
pub const SYNC_THRESHOLD: usize = 16;

/// Begin synchronized update (DEC mode 2026).
const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
/// End synchronized update.
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// The terminal's current colours and attributes, as last set by this backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    /// What `SGR 0` leaves.
    const PLAIN: Self = Self {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };
}

/// A [`Backend`] over `CrosstermBackend<W>` (standard output in the app) that tracks the
/// terminal's cursor and pen across frames to send fewer bytes. See the module docs.
#[derive(Debug)]
pub struct LeanBackend<W: Write = Stdout> {
    inner: CrosstermBackend<W>,
    /// Bytes of the frame being built; written out in one go by `flush`.
    out: Vec<u8>,
    /// Where the terminal's cursor is, if known for sure.
    cursor: Option<Position>,
    /// The terminal's pen, if known for sure.
    pen: Option<Pen>,
    /// Whether the terminal shows the cursor, if known.
    cursor_shown: Option<bool>,
    /// A synchronized update was begun and must be ended at the next flush.
    syncing: bool,
    /// Send colours (false under `NO_COLOR`).
    colors: bool,
    /// Bytes written to the terminal so far.
    written: u64,
    /// The screen's width, as last asked by ratatui (it asks before every frame).
    width: std::cell::Cell<Option<u16>>,
}

impl LeanBackend<Stdout> {
    /// A backend drawing on standard output; colours unless `NO_COLOR` is set.
    #[must_use]
    pub fn stdout() -> Self {
        Self::new(
            CrosstermBackend::new(io::stdout()),
            !crate::tui::theme::no_color_requested(),
        )
    }
}

impl<W: Write> LeanBackend<W> {
    /// Wraps `inner`. With `colors` false, only attributes are sent (for `NO_COLOR`).
    #[must_use]
    pub const fn new(inner: CrosstermBackend<W>, colors: bool) -> Self {
        Self {
            inner,
            out: Vec::new(),
            cursor: None,
            pen: None,
            cursor_shown: None,
            syncing: false,
            colors,
            written: 0,
            width: std::cell::Cell::new(None),
        }
    }

    /// How many bytes this backend has written to the terminal.
    #[must_use]
    pub const fn bytes_written(&self) -> u64 {
        self.written
    }

    /// Forgets what it knows about the terminal (after something else wrote to it): the next
    /// frame sets the cursor and pen explicitly.
    pub const fn forget(&mut self) {
        self.cursor = None;
        self.pen = None;
        self.cursor_shown = None;
    }

    /// The wrapped backend (its writer is reachable through its `Write` impl).
    pub const fn inner_mut(&mut self) -> &mut CrosstermBackend<W> {
        &mut self.inner
    }

    /// Moves the terminal's cursor to `to`, by the shortest sequence that is safe.
    fn move_to(&mut self, to: Position) {
        if self.cursor == Some(to) {
            return;
        }
        let absolute = format!("\x1b[{};{}H", to.y + 1, to.x + 1);
        let relative = match self.cursor {
            Some(from) if from.y == to.y && to.x > from.x => Some(match to.x - from.x {
                1 => "\x1b[C".to_owned(),
                n => format!("\x1b[{n}C"),
            }),
            // Left only when the cursor is inside the screen: after a write in the last
            // column it waits to wrap, and a relative move left would be off by one.
            Some(from)
                if from.y == to.y && self.width.get().is_some_and(|width| from.x < width) =>
            {
                Some(match from.x - to.x {
                    1 => "\x08".to_owned(),
                    n => format!("\x1b[{n}D"),
                })
            }
            _ => None,
        };
        let sequence = match relative {
            Some(relative) if relative.len() < absolute.len() => relative,
            _ => absolute,
        };
        self.out.extend_from_slice(sequence.as_bytes());
        self.cursor = Some(to);
    }

    /// Sets the pen for `cell`, in one SGR sequence, unless it is already set.
    fn set_pen(&mut self, cell: &Cell) {
        let colors = self.colors;
        let keep = |color: Color| if colors { color } else { Color::Reset };
        let want = Pen {
            fg: keep(cell.fg),
            bg: keep(cell.bg),
            underline: keep(cell.underline_color),
            modifier: cell.modifier,
        };
        if self.pen == Some(want) {
            return;
        }
        let params = match self.pen {
            Some(from) => {
                let diff = pen_change(from, want);
                let fresh = fresh_pen(want);
                if diff.len() <= fresh.len() {
                    diff
                } else {
                    fresh
                }
            }
            None => fresh_pen(want),
        };
        if !params.is_empty() {
            self.out.extend_from_slice(b"\x1b[");
            self.out.extend_from_slice(params.join(";").as_bytes());
            self.out.push(b'm');
        }
        self.pen = Some(want);
    }

    /// Resets the pen to plain before something that paints with it (clearing uses the
    /// current background on most terminals).
    fn plain_pen(&mut self) {
        if self.pen != Some(Pen::PLAIN) {
            self.out.extend_from_slice(b"\x1b[0m");
            self.pen = Some(Pen::PLAIN);
        }
    }

    /// Writes what is queued in one write, then flushes the writer.
    fn send(&mut self) -> io::Result<()> {
        if self.syncing {
            self.out.extend_from_slice(END_SYNC);
            self.syncing = false;
        }
        let bytes = std::mem::take(&mut self.out);
        let result = if bytes.is_empty() {
            Ok(())
        } else {
            self.inner.write_all(&bytes)
        }
        .and_then(|()| Write::flush(&mut self.inner));
        match result {
            Ok(()) => self.written += bytes.len() as u64,
            // The terminal is gone or broken: nothing about its state can be trusted.
            Err(_) => self.forget(),
        }
        result
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let start = self.out.len();
        let mut changed = 0_usize;
        for (x, y, cell) in content {
            changed += 1;
            self.move_to(Position { x, y });
            self.set_pen(cell);
            let symbol = sendable(cell.symbol());
            self.out.extend_from_slice(symbol.as_bytes());
            // A symbol one column wide (by the same measure ratatui lays out with, and as
            // `CrosstermBackend` also assumes) moves the cursor one column. Wide and
            // zero-width symbols are where terminals disagree (emoji, variation selectors):
            // move explicitly next time.
            self.cursor = (symbol.width() == 1).then_some(Position { x: x + 1, y });
        }
        if changed > SYNC_THRESHOLD && !self.syncing {
            self.out.splice(start..start, BEGIN_SYNC.iter().copied());
            self.syncing = true;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.out.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.out.extend_from_slice(b"\x1b[?25h");
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    /// Where this backend last put the cursor; it never asks the terminal (the answer
    /// would arrive on the input the event thread is reading).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.plain_pen();
        let sequence: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.out.extend_from_slice(sequence);
        self.send()
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.send()?;
        self.cursor = None;
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        let size = self.inner.size();
        self.width.set(size.as_ref().ok().map(|size| size.width));
        size
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// A cell's symbol as sent to the terminal. ratatui keeps control characters out of cells,
/// but appends zero-width characters to the cell before them, bidirectional controls among
/// them: those are dropped (and any control character, should one get in), so no terminal
/// reorders or obeys record text. A symbol left empty is sent as a space.
fn sendable(symbol: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c);
    if !symbol.contains(unsafe_char) {
        return Cow::Borrowed(symbol);
    }
    let kept: String = symbol.chars().filter(|c| !unsafe_char(*c)).collect();
    if kept.is_empty() {
        Cow::Borrowed(" ")
    } else {
        Cow::Owned(kept)
    }
}

/// SGR parameters that set `want` from nothing (after a reset).
fn fresh_pen(want: Pen) -> Vec<String> {
    let mut params = vec!["0".to_owned()];
    params.extend(modifier_on(want.modifier));
    if want.fg != Color::Reset {
        params.push(color_param(want.fg, Layer::Fg));
    }
    if want.bg != Color::Reset {
        params.push(color_param(want.bg, Layer::Bg));
    }
    if want.underline != Color::Reset {
        params.push(color_param(want.underline, Layer::Underline));
    }
    params
}

/// SGR parameters that change `from` into `want` without a reset.
fn pen_change(from: Pen, want: Pen) -> Vec<String> {
    let mut params = Vec::new();
    let removed = from.modifier - want.modifier;
    let mut to_add = want.modifier - from.modifier;
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        // One code turns off both; put back the one that stays.
        params.push("22".to_owned());
        to_add |= want.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    for (flag, off) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.intersects(flag) {
            params.push(off.to_owned());
            to_add |= want.modifier & flag;
        }
    }
    params.extend(modifier_on(to_add));
    if from.fg != want.fg {
        params.push(color_param(want.fg, Layer::Fg));
    }
    if from.bg != want.bg {
        params.push(color_param(want.bg, Layer::Bg));
    }
    if from.underline != want.underline {
        params.push(color_param(want.underline, Layer::Underline));
    }
    params
}

/// SGR parameters that turn on each attribute in `modifier`.
fn modifier_on(modifier: Modifier) -> Vec<String> {
    [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ]
    .into_iter()
    .filter(|(flag, _)| modifier.contains(*flag))
    .map(|(_, code)| code.to_owned())
    .collect()
}

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

/// The SGR parameter for a colour: the short codes for the 16 named colours.
fn color_param(color: Color, layer: Layer) -> String {
    let named = |index: u8| -> Option<u8> {
        match layer {
            Layer::Fg if index < 8 => Some(30 + index),
            Layer::Fg => Some(90 + index - 8),
            Layer::Bg if index < 8 => Some(40 + index),
            Layer::Bg => Some(100 + index - 8),
            Layer::Underline => None,
        }
    };
    let (reset, extended) = match layer {
        Layer::Fg => ("39", "38"),
        Layer::Bg => ("49", "48"),
        Layer::Underline => ("59", "58"),
    };
    let index = match color {
        Color::Reset => return reset.to_owned(),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(index) => return format!("{extended};5;{index}"),
        Color::Rgb(r, g, b) => return format!("{extended};2;{r};{g};{b}"),
    };
    named(index).map_or_else(|| format!("{extended};5;{index}"), |code| code.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)] // a failed test should stop loudly
mod tests {
    use std::cell::RefCell;
    use std::num::NonZeroU16;
    use std::rc::Rc;

    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    /// A writer whose bytes the test can read while the backend owns it.
    #[derive(Clone, Default)]
    struct Tap(Rc<RefCell<Vec<u8>>>);

    impl Write for Tap {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Tap {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut *self.0.borrow_mut())
        }
    }

    const W: u16 = 24;
    const H: u16 = 6;

    fn sized(width: u16, height: u16) -> TerminalOptions {
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        }
    }

    fn lean() -> (Terminal<LeanBackend<Tap>>, Tap) {
        lean_sized(W, H)
    }

    fn lean_sized(width: u16, height: u16) -> (Terminal<LeanBackend<Tap>>, Tap) {
        let tap = Tap::default();
        let backend = LeanBackend::new(CrosstermBackend::new(tap.clone()), true);
        backend.width.set(Some(width));
        (
            Terminal::with_options(backend, sized(width, height)).unwrap(),
            tap,
        )
    }

    fn plain(width: u16, height: u16) -> (Terminal<CrosstermBackend<Tap>>, Tap) {
        let tap = Tap::default();
        let backend = CrosstermBackend::new(tap.clone());
        (
            Terminal::with_options(backend, sized(width, height)).unwrap(),
            tap,
        )
    }

    /// One frame: text runs (x, y, text, style) and the caret.
    type Frame = (Vec<(u16, u16, String, Style)>, (u16, u16));

    fn draw<B: Backend>(terminal: &mut Terminal<B>, (runs, caret): &Frame)
    where
        B::Error: std::fmt::Debug,
    {
        terminal
            .draw(|frame| {
                for (x, y, text, style) in runs {
                    frame.buffer_mut().set_string(*x, *y, text, *style);
                }
                frame.set_cursor_position(*caret);
            })
            .unwrap();
    }

    fn notes(text: &str) -> Frame {
        let header = (
            0,
            0,
            "Case conference 14:03".to_owned(),
            Style::new().bold(),
        );
        let line = (2, 3, text.to_owned(), Style::default());
        let caret = (2 + u16::try_from(text.width()).unwrap(), 3);
        (vec![header, line], caret)
    }

    #[test]
    fn typing_a_letter_at_the_caret_sends_only_the_letter() {
        let (mut terminal, tap) = lean();
        draw(&mut terminal, &notes("hell"));
        tap.take();
        draw(&mut terminal, &notes("hello"));
        assert_eq!(tap.take(), b"o");
        draw(&mut terminal, &notes("hello "));
        assert_eq!(
            tap.take(),
            b"\x1b[C",
            "a space over a blank cell only moves the caret"
        );
        draw(&mut terminal, &notes("hello"));
        assert_eq!(
            tap.take(),
            b"\x08",
            "a space erased: only the caret moves back"
        );
        // Backspace over a letter: back, blank it, back.
        draw(&mut terminal, &notes("hell"));
        assert_eq!(tap.take(), b"\x08 \x08");
    }

    #[test]
    fn far_fewer_bytes_than_the_crossterm_backend_per_key() {
        let (mut lean, lean_tap) = lean_sized(80, 6);
        let (mut standard, standard_tap) = plain(80, 6);
        let sentence = "Jane said the adult wants to stay at home — café";
        let keys: Vec<usize> = sentence
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .collect();
        draw(&mut lean, &notes(""));
        draw(&mut standard, &notes(""));
        lean_tap.take();
        standard_tap.take();
        for end in &keys {
            draw(&mut lean, &notes(&sentence[..*end]));
            draw(&mut standard, &notes(&sentence[..*end]));
        }
        let lean_bytes = lean_tap.take().len();
        let standard_bytes = standard_tap.take().len();
        // A letter is its UTF-8 bytes (one column, so the cursor is where the caret goes
        // next); a space over a blank cell is a 3-byte move right; the first key also
        // turns off the header's bold (5 bytes).
        let spaces = sentence.matches(' ').count();
        assert_eq!(lean_bytes, sentence.len() + 2 * spaces + 5);
        assert!(
            standard_bytes >= 30 * keys.len(),
            "crossterm: {standard_bytes} bytes for {} keys",
            keys.len()
        );
    }

    #[test]
    fn after_a_wide_character_the_cursor_is_placed_explicitly() {
        let (mut terminal, tap) = lean();
        draw(&mut terminal, &notes(""));
        tap.take();
        draw(&mut terminal, &notes("日a"));
        let bytes = tap.take();
        let expected = "日\x1b[4;5Ha".as_bytes();
        assert!(
            bytes.windows(expected.len()).any(|w| w == expected),
            "{}",
            String::from_utf8_lossy(&bytes).escape_debug()
        );
    }

    #[test]
    fn big_changes_are_synchronized_small_ones_are_not() {
        let (mut terminal, tap) = lean();
        let wide = "x".repeat(usize::from(W));
        draw(&mut terminal, &(vec![(0, 1, wide, Style::new())], (0, 0)));
        let bytes = tap.take();
        assert!(bytes.starts_with(BEGIN_SYNC), "{bytes:?}");
        assert!(bytes.ends_with(END_SYNC), "{bytes:?}");
        let mostly_same = format!("{}{}", "y".repeat(16), "x".repeat(usize::from(W) - 16));
        draw(
            &mut terminal,
            &(vec![(0, 1, mostly_same, Style::new())], (0, 0)),
        );
        let bytes = tap.take();
        assert!(!bytes.windows(BEGIN_SYNC.len()).any(|w| w == BEGIN_SYNC));
    }

    #[test]
    fn bidirectional_controls_in_a_cell_are_not_sent() {
        assert!(matches!(sendable("é"), Cow::Borrowed("é")));
        assert_eq!(sendable("x\u{202e}\u{2066}"), "x");
        assert_eq!(sendable("\u{202e}"), " ");
        assert_eq!(sendable("a\u{1b}"), "a");
    }

    #[test]
    fn clearing_resets_the_pen_first() {
        let (mut terminal, tap) = lean();
        let style = Style::new().bg(Color::Blue);
        draw(
            &mut terminal,
            &(vec![(0, 0, "x".to_owned(), style)], (1, 0)),
        );
        tap.take();
        terminal.backend_mut().clear().unwrap();
        assert_eq!(tap.take(), b"\x1b[0m\x1b[2J");
    }

    #[test]
    fn named_colours_use_short_codes() {
        assert_eq!(color_param(Color::Red, Layer::Fg), "31");
        assert_eq!(color_param(Color::LightCyan, Layer::Bg), "106");
        assert_eq!(color_param(Color::Gray, Layer::Underline), "58;5;7");
        assert_eq!(color_param(Color::Reset, Layer::Bg), "49");
        assert_eq!(color_param(Color::Rgb(1, 2, 3), Layer::Fg), "38;2;1;2;3");
        assert_eq!(color_param(Color::Indexed(200), Layer::Bg), "48;5;200");
    }

    /// The 16 named colours in ANSI order.
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];

    fn vt_color(color: Color) -> vt100::Color {
        match color {
            Color::Reset => vt100::Color::Default,
            Color::Indexed(i) => vt100::Color::Idx(i),
            Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
            named => {
                let index = NAMED.iter().position(|c| *c == named).unwrap();
                vt100::Color::Idx(u8::try_from(index).unwrap())
            }
        }
    }

    fn style_strategy() -> impl Strategy<Value = Style> {
        let color = prop_oneof![
            Just(Color::Reset),
            (0_u8..16).prop_map(vt_named),
            any::<u8>().prop_map(Color::Indexed),
            (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        ];
        let modifier = (0_u16..64).prop_map(|bits| {
            let all = [
                Modifier::BOLD,
                Modifier::DIM,
                Modifier::ITALIC,
                Modifier::UNDERLINED,
                Modifier::REVERSED,
                Modifier::CROSSED_OUT,
            ];
            let modifier = all
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .fold(Modifier::empty(), |acc, (_, m)| acc | *m);
            // The emulator keeps one intensity (bold or dim), as many terminals do.
            if modifier.contains(Modifier::BOLD) {
                modifier - Modifier::DIM
            } else {
                modifier
            }
        });
        (color.clone(), color, modifier)
            .prop_map(|(fg, bg, modifier)| Style::new().fg(fg).bg(bg).add_modifier(modifier))
    }

    fn vt_named(index: u8) -> Color {
        NAMED[usize::from(index % 16)]
    }

    fn frame_strategy() -> impl Strategy<Value = Frame> {
        let run = (
            0..W,
            0..H,
            prop_oneof![
                "[a-z ]{1,12}",
                "[A-Za-z0-9 .,:@-]{1,30}",
                // Not wide characters: when one is half overwritten, terminals (and the
                // emulator) blank the other half in ways ratatui's diff does not model;
                // that is the same with any backend.
                Just("é—naïve".to_owned()),
            ],
            style_strategy(),
        );
        (prop::collection::vec(run, 0..6), (0..W, 0..H))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever sequence of frames is drawn, an independent terminal emulator fed the
        /// lean bytes shows what ratatui meant to show.
        #[test]
        fn the_emulated_screen_matches_ratatui(frames in prop::collection::vec(frame_strategy(), 1..8)) {
            let (mut terminal, tap) = lean();
            let mut vt = vt100::Parser::new(
                NonZeroU16::new(H).unwrap(),
                NonZeroU16::new(W).unwrap(),
                0,
            );
            for frame in &frames {
                let mut expected = ratatui::buffer::Buffer::empty(Rect::new(0, 0, W, H));
                for (x, y, text, style) in &frame.0 {
                    expected.set_string(*x, *y, text, *style);
                }
                draw(&mut terminal, frame);
                vt.process(&tap.take());
                check(&expected, &vt, frame.1);
            }
        }
    }

    fn check(buffer: &ratatui::buffer::Buffer, vt: &vt100::Parser, caret: (u16, u16)) {
        let screen = vt.screen();
        for y in 0..H {
            for x in 0..W {
                let want = &buffer[(x, y)];
                let got = screen.cell(y, x).unwrap();
                if got.is_wide_continuation() {
                    continue;
                }
                let what = format!("cell ({x}, {y})");
                let shown = if got.contents().is_empty() {
                    " "
                } else {
                    got.contents()
                };
                assert_eq!(shown, want.symbol(), "{what}");
                assert_eq!(got.fgcolor(), vt_color(want.fg), "{what} fg");
                assert_eq!(got.bgcolor(), vt_color(want.bg), "{what} bg");
                let has = |m: Modifier| want.modifier.contains(m);
                // The emulator keeps one intensity (bold or dim), as many terminals do;
                // styles patched over each other can ask for both.
                if !has(Modifier::BOLD | Modifier::DIM) {
                    assert_eq!(got.bold(), has(Modifier::BOLD), "{what} bold");
                    assert_eq!(got.dim(), has(Modifier::DIM), "{what} dim");
                }
                assert_eq!(got.italic(), has(Modifier::ITALIC), "{what} italic");
                assert_eq!(
                    got.underline(),
                    has(Modifier::UNDERLINED),
                    "{what} underline"
                );
                assert_eq!(got.inverse(), has(Modifier::REVERSED), "{what} inverse");
            }
        }
        assert_eq!(screen.cursor_position(), (caret.1, caret.0), "cursor");
    }
}
