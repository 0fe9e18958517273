//! The key map: one table of (context, key, action, description). The same table turns key
//! presses into actions, lists every binding on the help screen, and gives the status bar
//! its hints, so they never drift apart.
//!
//! Every function has a plain or Ctrl binding that works over SSH and inside tmux; F1 and Alt
//! keys are extras. Ctrl-H, Ctrl-I, Ctrl-M and Ctrl-[ arrive as Backspace, Tab, Enter and Esc
//! in most terminals, so they are never bound to anything else; Ctrl-B is tmux's.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::model::Attendance;
use crate::text::for_record;
use crate::tui::action::Action;
use crate::tui::app::{LiveScreen, Overlay, Pane};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere on the live screen, even while typing notes.
    Global,
    /// Typing notes.
    Notes,
    /// Any list pane (agenda, people, findings, actions, plan).
    Lists,
    /// The agenda list.
    Agenda,
    /// The attendees pane.
    People,
    /// The findings and decisions pane.
    Findings,
    /// The actions pane.
    Actions,
    /// The plan and review pane.
    Plan,
    /// A form in a pop-up.
    Form,
    /// A one-line prompt (go to item, quick action, save as).
    Prompt,
    /// A list in a pop-up (closing check, roles).
    Picker,
    /// A question answered with a letter.
    Question,
    /// Quitting while saves fail: retry, write a copy, or discard.
    Quitting,
    /// Typing where to write a copy of the record.
    CopyPath,
    /// The help screen.
    Help,
    /// The browser's list of meetings (typing filters it).
    Browser,
    /// Typing a search query.
    Query,
    /// Search hits.
    Results,
    /// Reading a record's minutes.
    Reader,
    /// The action tracker.
    Tracker,
}

impl Context {
    /// Heading on the help screen.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Global => "Anywhere",
            Self::Notes => "Typing notes",
            Self::Lists => "In any list pane",
            Self::Agenda => "Agenda",
            Self::People => "People",
            Self::Findings => "Findings & decisions",
            Self::Actions => "Actions",
            Self::Plan => "Plan & review",
            Self::Form => "Forms",
            Self::Prompt => "One-line prompts",
            Self::Picker => "Pop-up lists",
            Self::Question => "Questions",
            Self::Quitting => "Quitting while saves fail",
            Self::CopyPath => "Writing a copy: typing its path",
            Self::Help => "This help",
            Self::Browser => "Browser: the meetings (minutes with no arguments; typing filters)",
            Self::Query => "Browser: typing a search",
            Self::Results => "Browser: search hits",
            Self::Reader => "Browser: reading minutes",
            Self::Tracker => "Browser: action tracker",
        }
    }

    /// The order of sections on the help screen.
    pub const ALL: [Self; 20] = [
        Self::Global,
        Self::Notes,
        Self::Lists,
        Self::Agenda,
        Self::People,
        Self::Findings,
        Self::Actions,
        Self::Plan,
        Self::Form,
        Self::Prompt,
        Self::Picker,
        Self::Question,
        Self::Quitting,
        Self::CopyPath,
        Self::Help,
        Self::Browser,
        Self::Query,
        Self::Results,
        Self::Reader,
        Self::Tracker,
    ];
}

/// A key with its modifiers (Shift is carried by the character itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt.
    pub mods: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    const fn alt(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::ALT,
        }
    }

    /// A pressed key as the table spells it: Shift dropped from characters and Shift-Tab.
    #[must_use]
    pub fn of(event: &KeyEvent) -> Self {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        if code == KeyCode::BackTab {
            mods = KeyModifiers::NONE;
        }
        Self { code, mods }
    }

    /// How the help screen writes the key: `Ctrl-Q`, `Alt-n`, `Tab`, `]`.
    #[must_use]
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            code => format!("{code:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{name}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

/// One row of the key map.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, first one shown first.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// The words on the help screen.
    pub description: &'static str,
    /// Shown in the status bar when its context is focused.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        description,
        hint: None,
    }
}

const fn hint(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        description,
        hint: Some(hint),
    }
}

/// A key handed to the text editor, as the help screen lists it.
const fn typed(c: char, ctrl: bool) -> Action {
    Action::Edit(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char(c),
        ctrl,
        alt: false,
        shift: false,
    })
}

use Context::{
    Actions as Act, Agenda as Ag, Browser as Br, CopyPath as Cp, Findings as Fi, Form as Fo,
    Global as G, Help as He, Lists as Li, Notes as No, People as Pe, Picker as Pi, Plan as Pl,
    Prompt as Pr, Query as Qy, Question as Qu, Quitting as Qt, Reader as Rd, Results as Re,
    Tracker as Tr,
};
use KeyCode::{BackTab, Delete, Down, Enter, Esc, F, PageDown, PageUp, Tab, Up};

/// Every binding. Earlier rows win when a key is listed twice for one context.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Anywhere on the live screen.
    hint(G, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "save and quit", "quit"),
    bind(G, &[Key::ctrl('s')], Action::SaveNow, "save now"),
    hint(G, &[Key::ctrl('t')], Action::QuickAction, "quick action: 'JS to chase GP by fri'", "action"),
    bind(G, &[Key::ctrl('g')], Action::GotoItem, "go to an agenda item by number or title"),
    bind(G, &[Key::ctrl('o')], Action::ToggleRestricted, "mark the note or selected entry restricted (or back)"),
    bind(G, &[Key::alt('n')], Action::NextItem, "next agenda item"),
    bind(G, &[Key::alt('p')], Action::PrevItem, "previous agenda item"),
    hint(G, &[Key::plain(Tab)], Action::FocusNext, "next pane", "pane"),
    bind(G, &[Key::plain(BackTab)], Action::FocusPrev, "previous pane"),
    bind(G, &[Key::plain(F(1))], Action::Help, "help (also ? outside the notes)"),
    bind(G, &[Key::ctrl('l')], Action::Redraw, "redraw the screen"),
    bind(G, &[Key::ctrl('z')], Action::Suspend, "save (suspending is off during a meeting)"),
    // Typing notes.
    hint(No, &[Key::plain(Enter)], Action::Submit, "finish this note, start the next (or accept @speaker)", "next note"),
    bind(No, &[Key::ctrl('j')], typed('j', true), "new line within the note"),
    hint(No, &[Key::plain(Esc)], Action::Back, "leave the notes for the agenda commands", "commands"),
    bind(No, &[Key::ch('@')], typed('@', false), "attribute a speaker: @ then initials or name, Enter"),
    bind(No, &[Key::ctrl('u')], typed('u', true), "undo (Ctrl-R redo; Ctrl-A/E line start/end; Ctrl-W/Alt-Backspace delete word; Ctrl-K delete to end)"),
    // Any list pane.
    bind(Li, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Li, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Li, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Li, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Li, &[Key::ch('i'), Key::plain(Esc)], Action::TypeNotes, "type notes on the current item", "notes"),
    hint(Li, &[Key::ch(']')], Action::NextItem, "next agenda item", "next item"),
    bind(Li, &[Key::ch('[')], Action::PrevItem, "previous agenda item"),
    bind(Li, &[Key::ch('g')], Action::GotoItem, "go to an item by number or title"),
    bind(Li, &[Key::ch('t')], Action::QuickAction, "quick action"),
    bind(Li, &[Key::ch('P')], Action::CyclePart, "meeting part: whole / part 1 professionals only / part 2 with the adult"),
    bind(Li, &[Key::ch('r')], Action::ToggleRestricted, "mark the selected entry restricted (or back)"),
    bind(Li, &[Key::ch('E')], Action::EndMeeting, "end the meeting: closing check"),
    hint(Li, &[Key::ch('?')], Action::Help, "help", "help"),
    // Agenda.
    hint(Ag, &[Key::plain(Enter)], Action::Activate, "open the selected item and type", "open"),
    hint(Ag, &[Key::ch('d')], Action::MarkDone, "mark done (moves to the next open item)", "done"),
    bind(Ag, &[Key::ch('s')], Action::MarkSkipped, "mark skipped"),
    bind(Ag, &[Key::ch('x')], Action::MarkNotApplicable, "mark not applicable"),
    bind(Ag, &[Key::ch('u')], Action::Reopen, "reopen"),
    bind(Ag, &[Key::ch('n')], Action::NextItem, "next item"),
    bind(Ag, &[Key::ch('p')], Action::PrevItem, "previous item"),
    bind(Ag, &[ Key::ch('1'), Key::ch('2'), Key::ch('3'), Key::ch('4'), Key::ch('5'), Key::ch('6'), Key::ch('7'), Key::ch('8'), Key::ch('9'), Key::ch('0'), ], Action::Digit(0), "select item by number (two digits for 10 and up)"),
    // People.
    hint(Pe, &[Key::ch('a')], Action::Add, "add an attendee", "add"),
    hint(Pe, &[Key::ch('A')], Action::QuickAddRole, "add from the usual roles", "roles"),
    bind(Pe, &[Key::ch('e'), Key::plain(Enter)], Action::EditSelected, "edit"),
    bind(Pe, &[Key::ch('X'), Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)"),
    hint(Pe, &[Key::ch('1')], Action::SetAttendance(Attendance::Present), "present", "1-4 attendance"),
    bind(Pe, &[Key::ch('2')], Action::SetAttendance(Attendance::Apologies), "apologies"),
    bind(Pe, &[Key::ch('3')], Action::SetAttendance(Attendance::Absent), "absent"),
    bind(Pe, &[Key::ch('4')], Action::SetAttendance(Attendance::WrittenContribution), "apologies, written contribution"),
    hint(Pe, &[Key::ch('J')], Action::StampJoined, "joined now (late)", "joined/left"),
    bind(Pe, &[Key::ch('L')], Action::StampLeft, "left now (early)"),
    bind(Pe, &[Key::ch('m')], Action::ToggleAdult, "this is the adult (or not)"),
    // Findings and decisions.
    hint(Fi, &[Key::ch('a')], Action::Add, "add a finding (one per allegation)", "finding"),
    hint(Fi, &[Key::ch('c')], Action::AddDecision, "add a decision", "decision"),
    bind(Fi, &[Key::ch('e'), Key::plain(Enter)], Action::EditSelected, "edit"),
    bind(Fi, &[Key::ch('X'), Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)"),
    // Actions.
    hint(Act, &[Key::ch('a')], Action::QuickAction, "quick action", "add"),
    bind(Act, &[Key::ch('e'), Key::plain(Enter)], Action::EditSelected, "edit"),
    hint(Act, &[Key::ch('c')], Action::CompleteAction, "done", "done"),
    bind(Act, &[Key::ch('x')], Action::CancelAction, "cancel"),
    bind(Act, &[Key::ch('o')], Action::Reopen, "reopen"),
    bind(Act, &[Key::ch('X'), Key::plain(Delete)], Action::RemoveSelected, "remove (asks first)"),
    // Plan and review.
    hint(Pl, &[Key::ch('e'), Key::plain(Enter)], Action::EditSelected, "edit the selected section", "edit"),
    // Forms.
    hint(Fo, &[Key::plain(Enter)], Action::Submit, "save the form", "save"),
    hint(Fo, &[Key::plain(Tab)], Action::NextField, "next field (Down too, outside lists and long text)", "next"),
    bind(Fo, &[Key::plain(BackTab)], Action::PrevField, "previous field (Up too)"),
    bind(Fo, &[Key::ch(' ')], typed(' ', false), "choice, yes/no, list: change or tick (Left/Right too; a letter jumps)"),
    hint(Fo, &[Key::plain(Esc)], Action::Back, "cancel (twice if you changed something)", "cancel"),
    bind(Fo, &[Key::ctrl('j')], typed('j', true), "new line in a long text field"),
    // One-line prompts.
    hint(Pr, &[Key::plain(Enter)], Action::Submit, "accept", "accept"),
    hint(Pr, &[Key::plain(Tab)], Action::NextField, "quick action: adjust the parsed fields in a form", "adjust"),
    hint(Pr, &[Key::plain(Esc)], Action::Back, "cancel", "cancel"),
    bind(Pr, &[Key::plain(Down)], Action::SelectNext, "next match"),
    bind(Pr, &[Key::plain(Up)], Action::SelectPrev, "previous match"),
    // Pop-up lists.
    bind(Pi, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Pi, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "move up"),
    hint(Pi, &[Key::plain(Enter)], Action::Submit, "choose / fix the selected gap", "choose"),
    hint(Pi, &[Key::ch('a')], Action::Answer('a'), "closing check: acknowledge the gap (recorded)", "acknowledge"),
    hint(Pi, &[Key::ch('E')], Action::Answer('E'), "closing check: end the meeting now", "end"),
    hint(Pi, &[Key::plain(Esc)], Action::Back, "close", "close"),
    // Questions.
    hint(Qu, &[Key::ch('y')], Action::Answer('y'), "yes", "yes"),
    hint(Qu, &[Key::ch('n'), Key::plain(Esc)], Action::Back, "no / cancel", "no"),
    hint(Qt, &[Key::ch('r')], Action::Answer('r'), "retry the save, then quit", "retry"),
    hint(Qt, &[Key::ch('w')], Action::Answer('w'), "write a copy of the record elsewhere, then quit", "write a copy"),
    hint(Qt, &[Key::ch('d')], Action::Answer('d'), "discard the unsaved changes and quit (press twice)", "discard"),
    hint(Qt, &[Key::ch('c'), Key::plain(Esc)], Action::Back, "cancel: stay in the meeting", "cancel"),
    hint(Cp, &[Key::plain(Enter)], Action::Submit, "write the copy to the path typed, then quit", "write"),
    hint(Cp, &[Key::plain(Esc)], Action::Back, "back to the question", "back"),
    // Help.
    bind(He, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "scroll down"),
    bind(He, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "scroll up"),
    bind(He, &[Key::plain(PageDown), Key::ch(' ')], Action::PageDown, "page down"),
    bind(He, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(He, &[Key::plain(Esc), Key::ch('?'), Key::ch('q')], Action::Back, "close help", "close"),
    // Browser: the list of meetings.
    hint(Br, &[Key::plain(Enter)], Action::Activate, "read the minutes", "read"),
    hint(Br, &[Key::ctrl('e')], Action::EditSelected, "open on the live screen to edit (locked while open)", "edit"),
    hint(Br, &[Key::ch('/')], Action::Search, "search the full text of every meeting", "search"),
    hint(Br, &[Key::ctrl('t')], Action::Tracker, "action tracker across meetings", "actions"),
    hint(Br, &[Key::ctrl('n')], Action::Add, "new meeting", "new"),
    hint(Br, &[Key::ctrl('f')], Action::FollowUp, "follow-up (review) meeting of the selected one", "follow-up"),
    hint(Br, &[Key::ctrl('p')], Action::Export, "export the minutes (md, html, txt, docx, json; professionals or the adult)", "export"),
    bind(Br, &[Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Br, &[Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Br, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Br, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    bind(Br, &[Key::plain(Esc)], Action::Back, "clear the filter; again: quit"),
    hint(Br, &[Key::ch('?'), Key::plain(F(1))], Action::Help, "help", "help"),
    hint(Br, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit", "quit"),
    // Browser: typing a search.
    hint(Qy, &[Key::plain(Enter)], Action::Submit, "search", "search"),
    hint(Qy, &[Key::plain(Esc)], Action::Back, "back to the meetings", "back"),
    bind(Qy, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit"),
    // Browser: search hits.
    hint(Re, &[Key::plain(Enter)], Action::Activate, "read the minutes of the hit", "read"),
    bind(Re, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "next hit"),
    bind(Re, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "previous hit"),
    hint(Re, &[Key::ch('/')], Action::Search, "new search", "new search"),
    hint(Re, &[Key::plain(Esc)], Action::Back, "back to the meetings", "back"),
    bind(Re, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit"),
    // Browser: reading minutes.
    bind(Rd, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "scroll down"),
    bind(Rd, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "scroll up"),
    hint(Rd, &[Key::plain(PageDown), Key::ch(' ')], Action::PageDown, "page down", "page"),
    bind(Rd, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Rd, &[Key::ch(']')], Action::NextItem, "next section", "next section"),
    bind(Rd, &[Key::ch('[')], Action::PrevItem, "previous section"),
    hint(Rd, &[Key::ch('g'), Key::plain(Tab)], Action::GotoItem, "jump to a section", "sections"),
    bind(Rd, &[Key::plain(Enter)], Action::Activate, "in the section list: go there"),
    hint(Rd, &[Key::ch('e'), Key::ctrl('e')], Action::EditSelected, "open on the live screen to edit", "edit"),
    hint(Rd, &[Key::ch('p'), Key::ctrl('p')], Action::Export, "export these minutes", "export"),
    hint(Rd, &[Key::plain(Esc), Key::ch('q')], Action::Back, "back", "back"),
    bind(Rd, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit"),
    // Browser: action tracker.
    bind(Tr, &[Key::ch('j'), Key::plain(Down)], Action::SelectNext, "move down"),
    bind(Tr, &[Key::ch('k'), Key::plain(Up)], Action::SelectPrev, "move up"),
    bind(Tr, &[Key::plain(PageDown)], Action::PageDown, "page down"),
    bind(Tr, &[Key::plain(PageUp)], Action::PageUp, "page up"),
    hint(Tr, &[Key::ch('c')], Action::CompleteAction, "mark done (saved in its record)", "done"),
    hint(Tr, &[Key::ch('x')], Action::CancelAction, "cancel (saved in its record)", "cancel"),
    bind(Tr, &[Key::ch('o')], Action::Reopen, "open again"),
    hint(Tr, &[Key::ch('a')], Action::ToggleFilter, "all actions / open ones", "all/open"),
    hint(Tr, &[Key::plain(Enter)], Action::Activate, "read the meeting's minutes", "read"),
    hint(Tr, &[Key::plain(Esc), Key::ch('q')], Action::Back, "back", "back"),
    bind(Tr, &[Key::ctrl('q'), Key::ctrl('c')], Action::Quit, "quit"),
];

/// The contexts that apply now, most specific first.
#[must_use]
pub fn contexts(app: &LiveScreen) -> &'static [Context] {
    if let Some(overlay) = &app.overlay {
        return match overlay {
            Overlay::Help { .. } => &[Context::Help, Context::Global],
            Overlay::Quit(question) if question.save_as.is_some() => &[Context::CopyPath],
            Overlay::Quit(_) => &[Context::Quitting],
            Overlay::Confirm { .. } => &[Context::Question],
            Overlay::Goto { .. } | Overlay::QuickAction(_) => &[Context::Prompt, Context::Global],
            Overlay::Form { .. } => &[Context::Form, Context::Global],
            Overlay::Closing { .. } | Overlay::Roles { .. } => &[Context::Picker, Context::Global],
        };
    }
    match app.focus {
        Pane::Notes => &[Context::Global, Context::Notes],
        Pane::Agenda => &[Context::Agenda, Context::Lists, Context::Global],
        Pane::People => &[Context::People, Context::Lists, Context::Global],
        Pane::Findings => &[Context::Findings, Context::Lists, Context::Global],
        Pane::Actions => &[Context::Actions, Context::Lists, Context::Global],
        Pane::Plan => &[Context::Plan, Context::Lists, Context::Global],
    }
}

/// Whether typed characters go to a text field rather than the table.
fn typing(app: &LiveScreen) -> bool {
    match &app.overlay {
        Some(Overlay::Quit(question)) => question.save_as.is_some(),
        Some(Overlay::Goto { .. } | Overlay::QuickAction(_)) => true,
        Some(Overlay::Form { form, .. }) => form.is_editing_text(),
        Some(_) => false,
        None => app.focus == Pane::Notes,
    }
}

/// Maps a terminal event to an action for `app`, or `None` to ignore it.
#[must_use]
pub fn map_event(app: &LiveScreen, event: &Event) -> Option<Action> {
    if let Event::Key(key) = event
        && key.kind == KeyEventKind::Press
        && app.completion.is_some()
        && app.focus == Pane::Notes
        && app.overlay.is_none()
    {
        match key.code {
            KeyCode::Down => return Some(Action::SelectNext),
            KeyCode::Up => return Some(Action::SelectPrev),
            KeyCode::Tab => return Some(Action::Submit),
            _ => {}
        }
    }
    map_event_in(contexts(app), typing(app), event)
}

/// Maps a terminal event using the bindings of `contexts` (most specific first). While
/// `typing`, plain characters are text, never commands. Only key presses act.
///
/// This is where all typed and pasted text enters: a control character typed is ignored and
/// a paste keeps only what [`for_record`] keeps (line breaks, tabs, no controls), so no
/// escape sequence reaches a record, a form or a filter.
#[must_use]
pub fn map_event_in(contexts: &[Context], typing: bool, event: &Event) -> Option<Action> {
    match event {
        Event::Key(event) if matches!(event.code, KeyCode::Char(c) if c.is_control()) => None,
        Event::Key(event) if event.kind == KeyEventKind::Press => {
            let key = Key::of(event);
            let plain_char = matches!(key.code, KeyCode::Char(_)) && key.mods.is_empty();
            if !(typing && plain_char)
                && let Some(action) = lookup(contexts, key)
            {
                return Some(action);
            }
            Some(Action::Edit((*event).into()))
        }
        Event::Paste(text) => Some(Action::Paste(for_record(text).into_owned())),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// The action bound to `key` in the first of `contexts` that binds it.
fn lookup(contexts: &[Context], key: Key) -> Option<Action> {
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| b.keys.contains(&key))
            .map(|b| match (&b.action, key.code) {
                (Action::Digit(_), KeyCode::Char(c)) => Action::Digit(
                    c.to_digit(10)
                        .and_then(|d| u8::try_from(d).ok())
                        .unwrap_or(0),
                ),
                (action, _) => action.clone(),
            })
    })
}

/// The status-bar hints for what is focused now: (keys, words).
#[must_use]
pub fn hints(app: &LiveScreen) -> Vec<(String, &'static str)> {
    contexts(app)
        .iter()
        .flat_map(|context| BINDINGS.iter().filter(move |b| b.context == *context))
        .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
        .collect()
}

/// The help screen's rows: a heading per context, then (keys, description).
#[must_use]
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for context in Context::ALL {
        rows.push(HelpRow::Heading(context.title()));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(Key::label).collect();
            rows.push(HelpRow::Binding(keys.join(" "), binding.description));
        }
    }
    rows
}

/// One row of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A context's heading.
    Heading(&'static str),
    /// Keys and what they do.
    Binding(String, &'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in Context::ALL {
            let keys: Vec<Key> = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, key) in keys.iter().enumerate() {
                assert!(
                    !keys[..i].contains(key),
                    "{} is bound twice in {context:?}",
                    key.label()
                );
            }
        }
    }

    #[test]
    fn never_binds_keys_that_terminals_send_as_others_or_tmux_prefix() {
        for binding in BINDINGS {
            for key in binding.keys {
                if key.mods.contains(KeyModifiers::CONTROL) {
                    assert!(
                        !matches!(key.code, KeyCode::Char('h' | 'i' | 'm' | '[' | 'b')),
                        "{} must not be bound",
                        key.label()
                    );
                }
            }
        }
    }

    #[test]
    fn every_function_has_a_key_without_function_keys_or_alt() {
        for binding in BINDINGS {
            let has_plain = binding
                .keys
                .iter()
                .any(|k| !matches!(k.code, KeyCode::F(_)) && !k.mods.contains(KeyModifiers::ALT));
            let elsewhere = BINDINGS.iter().any(|other| {
                other.action == binding.action
                    && other.keys.iter().any(|k| {
                        !matches!(k.code, KeyCode::F(_)) && !k.mods.contains(KeyModifiers::ALT)
                    })
            });
            assert!(
                has_plain || elsewhere,
                "{} has only F or Alt keys",
                binding.description
            );
        }
    }
}
