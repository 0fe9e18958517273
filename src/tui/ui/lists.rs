//! The side panes: people, findings and decisions, actions, and the plan and review block.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use crate::model::{ActionStatus, Attendance, Record};
use crate::tui::app::{LiveScreen, PLAN_SECTIONS, Pane};
use crate::tui::keymap::{Command, Context};
use crate::tui::theme::Theme;

/// What an empty pane says, with the keys that fill it.
fn empty_text(app: &LiveScreen, pane: Pane) -> String {
    let key = |context, command| app.keys.label(context, command);
    match pane {
        Pane::People => format!(
            "No attendees yet: {} adds one, {} picks from the usual roles.",
            key(Context::People, Command::Add),
            key(Context::People, Command::AddFromRoles)
        ),
        Pane::Findings => format!(
            "No findings or decisions yet: {} adds a finding (one per allegation), {} a decision.",
            key(Context::Findings, Command::Add),
            key(Context::Findings, Command::AddDecision)
        ),
        Pane::Actions => format!(
            "No actions yet: {} (or {} here) captures one: 'JS to chase GP records by fri'.",
            key(Context::Global, Command::QuickAction),
            key(Context::Actions, Command::QuickAction)
        ),
        Pane::Plan | Pane::Agenda | Pane::Notes => String::new(),
    }
}

/// Draws `pane` in `area`; returns the selected row's position when it has focus.
pub(super) fn render(
    app: &LiveScreen,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    pane: Pane,
) -> Option<Position> {
    let (total, selected) = match pane {
        Pane::People => (app.record.attendees.len(), app.selected.people),
        Pane::Findings => (
            app.record.findings.len() + app.record.decisions.len(),
            app.selected.findings,
        ),
        Pane::Actions => (app.record.actions.len(), app.selected.actions),
        Pane::Plan => (PLAN_SECTIONS.len(), app.selected.plan),
        Pane::Agenda | Pane::Notes => return None,
    };
    let focused = app.focus == pane;
    let title = format!(" {} ", pane.title());
    let inner = super::draw_pane(frame, theme, area, title, focused);
    if total == 0 {
        frame.render_widget(
            ratatui::widgets::Paragraph::new(empty_text(app, pane))
                .style(theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return focused.then_some(Position::new(inner.x, inner.y));
    }
    // Only the rows that can be on screen are built: each takes at least one line.
    let selected = selected.min(total - 1);
    let rows = usize::from(inner.height);
    let window = selected.saturating_sub(rows)..total.min(selected + rows + 1);
    let start = window.start;
    let items: Vec<ListItem<'_>> = match pane {
        Pane::People => people(app, theme, window),
        Pane::Findings => findings(app, theme, window),
        Pane::Actions => actions(app, theme, window),
        _ => plan(&app.record, theme),
    };
    let selected = selected - if pane == Pane::Plan { 0 } else { start };
    let heights: Vec<usize> = items.iter().map(ListItem::height).collect();
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected(focused)),
        inner,
        &mut state,
    );
    let row: usize = heights
        .get(state.offset()..selected)
        .map_or(0, |h| h.iter().sum());
    let row = u16::try_from(row).ok()?;
    (focused && row < inner.height).then_some(Position::new(inner.x, inner.y + row))
}

fn marker(theme: &Theme, visibility: crate::model::Visibility) -> Vec<Span<'static>> {
    super::visibility_marker(theme, visibility)
        .into_iter()
        .collect()
}

fn people<'a>(app: &'a LiveScreen, theme: &Theme, window: Range<usize>) -> Vec<ListItem<'a>> {
    app.record
        .attendees
        .iter()
        .skip(window.start)
        .take(window.len())
        .map(|a| {
            let attendance_style = match a.attendance {
                Attendance::Present => theme.base(),
                _ => theme.muted(),
            };
            let mut first = vec![
                Span::styled(format!("{:<5}", a.initials), theme.speaker()),
                Span::raw(a.name.as_str()),
            ];
            if a.is_adult {
                first.push(Span::styled(" [the adult]", theme.title()));
            }
            if a.is_representative {
                let kind = a
                    .representative_kind
                    .map_or("representative", |k| k.label());
                first.push(Span::styled(format!(" [{kind}]"), theme.title()));
            }
            let mut second = format!("     {}", a.attendance.label());
            if let Some(t) = a.joined_at {
                second.push_str(&format!(", joined {}", t.format("%H:%M")));
            }
            if let Some(t) = a.left_at {
                second.push_str(&format!(", left {}", t.format("%H:%M")));
            }
            for part in [a.role.as_str(), a.agency.as_str()] {
                if !part.is_empty() {
                    second.push_str(" · ");
                    second.push_str(part);
                }
            }
            ListItem::new(vec![
                Line::from(first),
                Line::styled(second, attendance_style),
            ])
        })
        .collect()
}

fn findings<'a>(app: &'a LiveScreen, theme: &Theme, window: Range<usize>) -> Vec<ListItem<'a>> {
    let record = &app.record;
    let mut items: Vec<ListItem<'a>> = Vec::new();
    let decisions_from = window.start.saturating_sub(record.findings.len());
    for (i, f) in record
        .findings
        .iter()
        .enumerate()
        .skip(window.start)
        .take(window.len())
    {
        let mut head = vec![Span::styled(format!("F{} ", i + 1), theme.title())];
        head.extend(marker(theme, f.visibility));
        head.push(Span::raw(f.allegation.as_str()));
        let mut coded: Vec<&str> = Vec::new();
        coded.push(f.abuse_type.map_or("type of risk ?", |t| t.label()));
        coded.push(f.finding.map_or("finding ?", |t| t.label()));
        if let Some(outcome) = f.risk_outcome {
            coded.push(outcome.label());
        }
        let mut lines = vec![
            Line::from(head),
            Line::styled(format!("   {}", coded.join(" · ")), theme.muted()),
        ];
        let gaps = f.gaps();
        if !gaps.is_empty() {
            lines.push(Line::styled(
                format!("   {}", gaps.join("; ")),
                theme.warning(),
            ));
        }
        items.push(ListItem::new(lines));
    }
    let room = window.len().saturating_sub(items.len());
    for (i, d) in record
        .decisions
        .iter()
        .enumerate()
        .skip(decisions_from)
        .take(room)
    {
        let mut head = vec![Span::styled(format!("D{} ", i + 1), theme.title())];
        head.extend(marker(theme, d.visibility));
        head.push(Span::raw(d.text.as_str()));
        let because = if d.rationale.trim().is_empty() {
            Line::styled("   no rationale recorded", theme.warning())
        } else {
            Line::styled(format!("   because {}", d.rationale), theme.muted())
        };
        let mut lines = vec![Line::from(head), because];
        if let Some(dissent) = &d.dissent {
            lines.push(Line::styled(
                format!("   dissent: {} {}", dissent.who, dissent.reason),
                theme.muted(),
            ));
        }
        items.push(ListItem::new(lines));
    }
    items
}

fn actions<'a>(app: &'a LiveScreen, theme: &Theme, window: Range<usize>) -> Vec<ListItem<'a>> {
    let today = app.today();
    app.record
        .actions
        .iter()
        .skip(window.start)
        .take(window.len())
        .map(|a| {
            let style = match a.status {
                ActionStatus::Open if a.is_overdue(today) => theme.overdue(),
                ActionStatus::Open => theme.base(),
                _ => theme.muted(),
            };
            let mut head = vec![Span::styled(format!("#{} ", a.id), theme.title())];
            head.extend(marker(theme, a.visibility));
            head.push(Span::styled(a.text.as_str(), style));
            let owner = match (a.owner.is_empty(), a.agency.is_empty()) {
                (true, _) => "owner ?".to_owned(),
                (false, true) => a.owner.clone(),
                (false, false) => format!("{} ({})", a.owner, a.agency),
            };
            let due = a.due.map_or_else(
                || "due ?".to_owned(),
                |d| format!("due {}", d.format("%a %-d %b")),
            );
            let mut status = a.status.label().to_lowercase();
            if a.is_overdue(today) {
                status = "OVERDUE".to_owned();
            }
            let detail_style = if a.owner.is_empty() || a.due.is_none() {
                theme.warning()
            } else {
                theme.muted()
            };
            ListItem::new(vec![
                Line::from(head),
                Line::from(vec![
                    Span::styled(format!("   {owner} · {due} · "), detail_style),
                    Span::styled(status, style),
                ]),
            ])
        })
        .collect()
}

fn plan(record: &Record, theme: &Theme) -> Vec<ListItem<'static>> {
    PLAN_SECTIONS
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let (summary, missing) = plan_summary(record, i);
            let style: Style = if missing {
                theme.warning()
            } else {
                theme.muted()
            };
            ListItem::new(vec![
                Line::styled((*title).to_owned(), theme.title()),
                Line::styled(format!("   {summary}"), style),
            ])
        })
        .collect()
}

/// One line on a plan section, and whether something the procedure needs is missing.
fn plan_summary(record: &Record, section: usize) -> (String, bool) {
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "?".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    match section {
        0 => {
            let p = &record.adult_participation;
            match p.attended {
                None => ("attended? not recorded".to_owned(), true),
                Some(true) => (format!("attended; views: {}", or_dash(&p.views)), false),
                Some(false) => (
                    format!(
                        "did not attend; reason: {}",
                        or_dash(&p.reason_not_attended)
                    ),
                    p.missing_absence_reason(),
                ),
            }
        }
        1 => {
            let o = &record.outcomes;
            (
                format!(
                    "{} outcomes for the adult, {} for the person/organisation, {} referrals",
                    o.for_adult.len(),
                    o.for_person_causing_harm.len(),
                    o.referrals.len()
                ),
                false,
            )
        }
        2 => {
            let p = &record.plan;
            (
                format!(
                    "coordinator {}; {} contingencies; shared: {}",
                    or_dash(&p.coordinator),
                    p.contingencies.len(),
                    or_dash(&p.sharing)
                ),
                p.coordinator.trim().is_empty(),
            )
        }
        3 => {
            let f = &record.feedback;
            (
                format!(
                    "to the adult: {}; if they disagree: {}",
                    or_dash(&f.to_adult.by),
                    or_dash(&f.adult_disagreement_contact)
                ),
                f.to_adult.is_unassigned(),
            )
        }
        5 => {
            let people = &record.feedback.people_causing_harm;
            let names: Vec<String> = people
                .iter()
                .enumerate()
                .map(|(i, p)| p.name_or(i + 1))
                .collect();
            let summary = if names.is_empty() {
                "none recorded".to_owned()
            } else {
                format!("{}: {}", names.len(), names.join(", "))
            };
            let missing = people.iter().any(|p| p.feedback.is_unassigned());
            (summary, missing)
        }
        6 => {
            let m = &record.meeting;
            (
                format!(
                    "chair {}; minutes {}; {}",
                    or_dash(&m.chair),
                    or_dash(&m.minute_taker),
                    or_dash(&m.location)
                ),
                m.chair.trim().is_empty() || m.minute_taker.trim().is_empty(),
            )
        }
        _ => {
            let r = &record.review;
            let date = r
                .review_date
                .map_or_else(|| "?".to_owned(), |d| d.format("%a %-d %b %Y").to_string());
            (
                format!("review {date}; circulation {} people", r.circulation.len()),
                r.review_date.is_none(),
            )
        }
    }
}
