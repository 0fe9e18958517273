//! Who a typed name means: the one matcher for quick actions, `@` speakers, form fields and
//! filters, so that every front end understands the same names.
//!
//! An attendee can be named by their full name, first name, surname, initials, first name and
//! initial (`Tom H`), initial and surname (`T Hughes`), a title and any of their names
//! (`Dr Hughes`, `DC Raman`, `Inspector Chen`), their role (`the chair`, `the GP`, `the IO`,
//! `the social worker`) or their agency: its name, the distinctive words of its name
//! (`Oakwood` for "Oakwood Care Ltd"), its initials, and what that kind of agency is called
//! (`the home`, `the provider`, `the police`, `the GP surgery`, `ASC`, `the hospital`).
//! Case, accents and punctuation do not matter ([`word_key`]): `Zoe`, `lukasz` and `LN` name
//! Zoë, Łukasz and ŁN.
//!
//! The more particular way of naming wins: a name over a role, a role over an agency. When
//! two attendees are named equally well the answer is [`PersonMatch::Ambiguous`]: never a
//! guess. An agency with one attendee gives that attendee; with several, the agency alone.
//!
//! Pure: it reads the attendees and nothing else.

mod invitation;
mod key;
mod recipients;
mod vocab;

pub use invitation::{InvitationError, Invited, attendee_from_line, attendees_from_csv};
pub use key::{keys_contain, loosely_contains, phrase_key, word_key};
pub use recipients::{Reader, ReaderError, reader, recipient_matches};

use std::ops::RangeInclusive;

use crate::model::Attendee;
use vocab::{
    ACTION_VERBS, AGENCIES, AGENCY_NOUNS, COMMON_WORDS, DETERMINERS, Group, NOT_A_NAME, ROLES,
    TITLES,
};

/// Who a phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonMatch {
    /// One attendee, by name or role (an index into the attendees).
    One(usize),
    /// An agency, named as such (`the police`, `Oakwood`): `index` is its attendee when the
    /// meeting has exactly one from it.
    Agency {
        /// The agency's name as the attendees' records spell it.
        name: String,
        /// The one attendee from it, if there is exactly one.
        index: Option<usize>,
    },
    /// Several attendees named equally well (two Toms, two social workers): say so.
    Ambiguous(Vec<usize>),
    /// Nobody at the meeting.
    NoOne,
}

impl PersonMatch {
    /// The one attendee this names, if it names exactly one (directly or as the only person
    /// from an agency).
    #[must_use]
    pub const fn attendee(&self) -> Option<usize> {
        match self {
            Self::One(index)
            | Self::Agency {
                index: Some(index), ..
            } => Some(*index),
            _ => None,
        }
    }
}

/// How particular a way of naming someone is; the most particular match wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// The whole name, with or without a title.
    FullName,
    /// First name and initial, initial and surname, title and a name.
    NameAndInitial,
    /// First name or surname alone.
    NamePart,
    /// The role in the meeting as written, or the initials: `GP` may be Gareth Price or the
    /// GP, and `DC` Dan Cole or the detective constable, so neither wins over the other.
    Role,
    /// What that role is called (`the manager` for a registered or a deputy manager).
    RoleAlias,
    /// The agency (or the attendee's kind of agency).
    Agency,
}

/// Which initials count.
#[derive(Debug, Clone, Copy)]
enum Initials {
    Yes,
    No,
    NotCommonWords,
}

/// One way of naming one attendee.
#[derive(Debug, Clone)]
struct Label {
    words: Vec<String>,
    attendee: usize,
    rank: Rank,
    /// Initials: never after `the`, and not at the start of a sentence when they are also a
    /// common word (`TO`, `AT`).
    initials: bool,
    /// Only after a title: the surname's initial (`Dr H`).
    after_title: bool,
}

/// The attendees of a meeting, ready to be named.
#[derive(Debug, Clone)]
pub struct People<'a> {
    attendees: &'a [Attendee],
    labels: Vec<Label>,
}

impl<'a> People<'a> {
    /// Every way of naming each of `attendees`.
    #[must_use]
    pub fn new(attendees: &'a [Attendee]) -> Self {
        let mut labels = Vec::new();
        for (index, attendee) in attendees.iter().enumerate() {
            name_labels(attendee, index, &mut labels);
            role_labels(attendee, index, &mut labels);
            agency_labels(attendee, index, &mut labels);
        }
        Self { attendees, labels }
    }

    /// Makes "the chair" mean the meeting's chair, `chair` as written in the record, when that
    /// names one attendee; otherwise the chair is whoever has that role.
    #[must_use]
    pub fn with_chair(mut self, chair: &str) -> Self {
        let Some(index) = self.match_phrase(chair).attendee() else {
            return self;
        };
        let chair_names = &ROLES[0].names;
        self.labels
            .retain(|label| label.rank != Rank::Role || !is_one_of(&label.words, chair_names));
        for name in *chair_names {
            self.labels.push(Label {
                words: split(name),
                attendee: index,
                rank: Rank::Role,
                initials: false,
                after_title: false,
            });
        }
        self
    }

    /// The attendees.
    #[must_use]
    pub const fn attendees(&self) -> &'a [Attendee] {
        self.attendees
    }

    /// Who the whole of `typed` names: a form's owner field, an `@` speaker, `(owner: JS)`.
    #[must_use]
    pub fn match_phrase(&self, typed: &str) -> PersonMatch {
        let keys = phrase_key(typed);
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.match_keys(&keys, false)
    }

    /// Who the words at the start of `keys` (word keys, see [`word_key`]) name, and how many
    /// words that takes: the longest phrase that names someone, of at most `max_words`.
    /// Initials that are also common words (`TO`, `AT`) are not taken here.
    #[must_use]
    pub fn match_start(&self, keys: &[&str], max_words: usize) -> Option<(usize, PersonMatch)> {
        (1..=max_words.min(keys.len())).rev().find_map(|taken| {
            let found = self.match_keys(&keys[..taken], true);
            (found != PersonMatch::NoOne).then_some((taken, found))
        })
    }

    /// Attendees that `typed` may be the start of naming, best first: for completing an
    /// owner field or an `@` speaker as it is typed. The last word may be unfinished
    /// (`zo` -> Zoë, `dr hu` -> Dr Hughes); nothing typed offers everyone.
    #[must_use]
    pub fn suggest(&self, typed: &str) -> Vec<usize> {
        let keys = phrase_key(typed);
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let keys = strip_determiners(&keys);
        if keys.is_empty() {
            return (0..self.attendees.len()).collect();
        }
        let mut found: Vec<(Rank, usize)> = Vec::new();
        for keys in [keys, strip_titles(keys)] {
            let Some((last, whole)) = keys.split_last() else {
                continue;
            };
            for label in &self.labels {
                let starts = label.words.len() > whole.len()
                    && label
                        .words
                        .iter()
                        .zip(whole)
                        .all(|(word, want)| word == want)
                    && label.words[whole.len()].starts_with(last);
                if starts {
                    found.push((label.rank, label.attendee));
                }
            }
        }
        found.sort_unstable();
        let mut order = Vec::new();
        for (_, index) in found {
            if !order.contains(&index) {
                order.push(index);
            }
        }
        order
    }

    /// Who exactly `keys` name. `at_start`: at the start of a sentence, where initials that
    /// are also common words do not count.
    fn match_keys(&self, keys: &[&str], at_start: bool) -> PersonMatch {
        let stripped = strip_determiners(keys);
        if stripped.is_empty() {
            return PersonMatch::NoOne;
        }
        // "The GP" is a role, never someone's initials.
        let (keys, best_rank) = if stripped.len() < keys.len() {
            (stripped, Rank::Role)
        } else {
            (keys, Rank::FullName)
        };
        let initials = if best_rank == Rank::Role {
            Initials::No
        } else if at_start {
            Initials::NotCommonWords
        } else {
            Initials::Yes
        };
        let exact = self.best(keys, initials, false, best_rank..=Rank::Agency);
        if exact.is_some() {
            return self.answer(exact);
        }
        // A title before a name: `Dr Hughes`, `DC Raman`, `Inspector Chen`.
        let untitled = strip_titles(keys);
        if untitled.len() < keys.len() && !untitled.is_empty() {
            let named = self
                .best(
                    untitled,
                    Initials::No,
                    true,
                    Rank::FullName..=Rank::NamePart,
                )
                .map(|(rank, people)| (rank.max(Rank::NameAndInitial), people));
            // A title that is also a role (`Nurse Hughes`, `Dr Hughes`) settles which.
            if let Some((rank, several)) = &named
                && several.len() > 1
                && let Some((_, in_role)) = self.best(
                    &keys[..keys.len() - untitled.len()],
                    Initials::No,
                    false,
                    Rank::Role..=Rank::RoleAlias,
                )
            {
                let both: Vec<usize> = several
                    .iter()
                    .copied()
                    .filter(|i| in_role.contains(i))
                    .collect();
                if both.len() == 1 {
                    return self.answer(Some((*rank, both)));
                }
            }
            return self.answer(named);
        }
        // A role in the plural: `the social workers`, `the officers`.
        if let Some((last, before)) = keys.split_last()
            && let Some(singular) = last.strip_suffix('s').filter(|s| s.len() > 1)
        {
            let mut singular_keys = before.to_vec();
            singular_keys.push(singular);
            let found = self.best(
                &singular_keys,
                Initials::No,
                false,
                Rank::Role..=Rank::RoleAlias,
            );
            return self.answer(found);
        }
        PersonMatch::NoOne
    }

    /// The attendees named by labels equal to `keys`, at the most particular rank in `ranks`;
    /// `titled`: the keys followed a title.
    fn best(
        &self,
        keys: &[&str],
        initials: Initials,
        titled: bool,
        ranks: RangeInclusive<Rank>,
    ) -> Option<(Rank, Vec<usize>)> {
        let mut best: Option<(Rank, Vec<usize>)> = None;
        for label in &self.labels {
            let equal = label.words.len() == keys.len()
                && label.words.iter().zip(keys).all(|(word, key)| word == key);
            let initials_ok = !label.initials
                || match initials {
                    Initials::Yes => true,
                    Initials::No => false,
                    Initials::NotCommonWords => !COMMON_WORDS.contains(&keys[0]),
                };
            let title_ok = titled || !label.after_title;
            if !equal || !ranks.contains(&label.rank) || !initials_ok || !title_ok {
                continue;
            }
            match &mut best {
                Some((rank, people)) if *rank == label.rank => {
                    if !people.contains(&label.attendee) {
                        people.push(label.attendee);
                    }
                }
                Some((rank, _)) if *rank < label.rank => {}
                _ => best = Some((label.rank, vec![label.attendee])),
            }
        }
        best
    }

    fn answer(&self, found: Option<(Rank, Vec<usize>)>) -> PersonMatch {
        let Some((rank, mut people)) = found else {
            return PersonMatch::NoOne;
        };
        people.sort_unstable();
        if rank == Rank::Agency {
            let agency_of = |index: &usize| {
                self.attendees
                    .get(*index)
                    .map(|a| phrase_key(&a.agency))
                    .unwrap_or_default()
            };
            let first = people.first().map(agency_of);
            if people.iter().all(|index| Some(agency_of(index)) == first) {
                let index = people.first().copied();
                let name = index
                    .and_then(|i| self.attendees.get(i))
                    .map(|a| a.agency.clone())
                    .unwrap_or_default();
                return PersonMatch::Agency {
                    name,
                    index: index.filter(|_| people.len() == 1),
                };
            }
            return PersonMatch::Ambiguous(people);
        }
        match people.as_slice() {
            [one] => PersonMatch::One(*one),
            _ => PersonMatch::Ambiguous(people),
        }
    }
}

/// Whether `key` (a [`word_key`]) is a verb that starts an action (`chase`, `send`, `speak`):
/// after a name it needs no `to` (`JS chase GP records`), and it is never a name for an agency
/// on its own (`Speak` for "Speak Up Advocacy").
#[must_use]
pub fn is_action_verb(key: &str) -> bool {
    ACTION_VERBS.contains(&key)
}

/// Who the whole of `typed` names among `attendees` (see [`People::match_phrase`]).
#[must_use]
pub fn match_person(typed: &str, attendees: &[Attendee]) -> PersonMatch {
    People::new(attendees).match_phrase(typed)
}

fn split(phrase: &str) -> Vec<String> {
    phrase.split(' ').map(str::to_owned).collect()
}

fn is_one_of(words: &[String], phrases: &[&str]) -> bool {
    phrases
        .iter()
        .any(|phrase| phrase.split(' ').eq(words.iter().map(String::as_str)))
}

/// Whether `phrase` (space-separated keys) occurs in `words`.
fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len())
        .any(|window| window.iter().zip(&wanted).all(|(word, want)| word == want))
}

fn strip_determiners<'k, 's>(keys: &'k [&'s str]) -> &'k [&'s str] {
    match keys {
        [first, rest @ ..] if DETERMINERS.contains(first) => rest,
        _ => keys,
    }
}

/// `keys` without up to two leading titles (`Det Sgt Raman`), keeping at least one word.
fn strip_titles<'k, 's>(mut keys: &'k [&'s str]) -> &'k [&'s str] {
    for _ in 0..2 {
        match keys {
            [first, rest @ ..] if !rest.is_empty() && TITLES.contains(first) => keys = rest,
            _ => break,
        }
    }
    keys
}

/// Labels from the name: whole, first name, surname, initials and their combinations.
fn name_labels(attendee: &Attendee, index: usize, labels: &mut Vec<Label>) {
    // (words, rank, only after a title)
    let mut found: Vec<(Vec<String>, Rank, bool)> = Vec::new();
    let whole = phrase_key(&attendee.name);
    let keys: Vec<&str> = whole.iter().map(String::as_str).collect();
    let core: Vec<String> = strip_titles(&keys)
        .iter()
        .map(|k| (*k).to_owned())
        .collect();
    found.push((whole.clone(), Rank::FullName, false));
    found.push((core.clone(), Rank::FullName, false));
    found.push((vec![word_key(&attendee.initials)], Rank::Role, false));
    let initial = |word: &String| word.chars().next().map(String::from).unwrap_or_default();
    if let [first, rest @ ..] = core.as_slice()
        && let Some(last) = rest.last()
    {
        found.push((vec![first.clone(), last.clone()], Rank::FullName, false));
        found.push((vec![first.clone()], Rank::NamePart, false));
        // The surname with its particles ("Ó Briain", "de la Cruz"), and each part of it.
        for start in 1..core.len() {
            found.push((core[start..].to_vec(), Rank::NamePart, false));
        }
        found.push((
            vec![first.clone(), initial(last)],
            Rank::NameAndInitial,
            false,
        ));
        found.push((
            vec![first.clone(), initial(&rest[0])],
            Rank::NameAndInitial,
            false,
        ));
        found.push((
            vec![initial(first), last.clone()],
            Rank::NameAndInitial,
            false,
        ));
        found.push((vec![core.iter().map(initial).collect()], Rank::Role, false));
        // `Dr H`.
        found.push((vec![initial(last)], Rank::NameAndInitial, true));
    }
    // Each part of a double-barrelled name: "Smith" for "Smith-Jones".
    for word in attendee.name.split_whitespace().filter(|w| w.contains('-')) {
        for part in word.split('-') {
            found.push((vec![word_key(part)], Rank::NamePart, false));
        }
    }
    for (words, rank, after_title) in found {
        if !words.is_empty() && words.iter().all(|w| !w.is_empty()) {
            labels.push(Label {
                words,
                attendee: index,
                rank,
                initials: rank == Rank::Role,
                after_title,
            });
        }
    }
}

/// Labels from the role: the role as written, its initials, and what that role is called.
fn role_labels(attendee: &Attendee, index: usize, labels: &mut Vec<Label>) {
    let role = phrase_key(&attendee.role);
    if role.is_empty() {
        return;
    }
    let mut add = |words: Vec<String>, rank: Rank| {
        labels.push(Label {
            words,
            attendee: index,
            rank,
            initials: false,
            after_title: false,
        });
    };
    if role.len() > 1 {
        add(vec![initials_of(&role)], Rank::Role);
    }
    add(role.clone(), Rank::Role);
    for group in ROLES {
        if group.found_in.iter().any(|p| contains_phrase(&role, p)) {
            for name in group.names {
                add(split(name), Rank::RoleAlias);
            }
        }
    }
    // Family have no agency: what their kind is called names them as a role would.
    if phrase_key(&attendee.agency).is_empty()
        && let Some(kind) = kind_of(&role)
    {
        for name in kind.names {
            add(split(name), Rank::RoleAlias);
        }
    }
}

/// Labels from the agency: its name, its leading words (`Oakwood Care` for "Oakwood Care
/// Ltd"), its distinctive words, its initials, and what its kind of agency is called.
fn agency_labels(attendee: &Attendee, index: usize, labels: &mut Vec<Label>) {
    let agency = phrase_key(&attendee.agency);
    if agency.is_empty() {
        return;
    }
    let mut add = |words: Vec<String>| {
        labels.push(Label {
            words,
            attendee: index,
            rank: Rank::Agency,
            initials: false,
            after_title: false,
        });
    };
    // Words that tell this agency from others (`Oakwood`, not `Care`); one alone names it only
    // if it is not also a verb (`Speak` of "Speak Up Advocacy").
    let distinct = |word: &String| {
        !NOT_A_NAME.contains(&word.as_str()) && !COMMON_WORDS.contains(&word.as_str())
    };
    let alone_ok = |word: &String| distinct(word) && !is_action_verb(word);
    for end in 1..=agency.len() {
        let leading = &agency[..end];
        let named = match leading {
            [one] => alone_ok(one),
            _ => leading.iter().any(distinct),
        };
        if named || end == agency.len() {
            add(leading.to_vec());
        }
    }
    for word in agency.iter().filter(|w| alone_ok(w)) {
        add(vec![word.clone()]);
    }
    // `The trust`, `the council`: what the agency's name says it is.
    for word in agency.iter().filter(|w| AGENCY_NOUNS.contains(&w.as_str())) {
        add(vec![word.clone()]);
    }
    let significant: Vec<String> = agency
        .iter()
        .filter(|w| !matches!(w.as_str(), "and" | "of" | "the" | "for"))
        .cloned()
        .collect();
    if significant.len() > 1 {
        add(vec![initials_of(&significant)]);
    }
    let role = phrase_key(&attendee.role);
    if let Some(kind) = kind_of(&agency).or_else(|| kind_of(&role)) {
        for name in kind.names {
            add(split(name));
        }
    }
}

/// The first kind of agency found in `words`.
fn kind_of(words: &[String]) -> Option<&'static Group> {
    AGENCIES
        .iter()
        .find(|kind| kind.found_in.iter().any(|p| contains_phrase(words, p)))
}

fn initials_of(words: &[String]) -> String {
    words.iter().filter_map(|w| w.chars().next()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting() -> Vec<Attendee> {
        vec![
            Attendee::new("Zoë Martin", "Chair", "Adult Social Care"),
            Attendee::new("Łukasz Nowak", "Registered manager", "Oakwood Care Ltd"),
            Attendee::new("Dr Tom Hughes", "GP", "Riverside Medical Practice"),
            Attendee::new("Chen Wei", "Inspector", "CQC"),
            Attendee::new("Amara Bello", "Social worker", "Adult Social Care"),
            Attendee::new("Priya Raman", "DC", "Northshire Police"),
            Attendee::new("Siobhán O'Neill", "Advocate", "Speak Up Advocacy"),
            Attendee::new("Gareth Price", "Enquiry officer", "Adult Social Care"),
            Attendee::new("Fatima Khan", "Ward manager", "Northshire NHS Trust"),
            Attendee::new("Jack Doyle", "Housing officer", "Northshire Homes"),
            Attendee::new("Joan Ellis", "Daughter", ""),
        ]
    }

    fn who(typed: &str) -> PersonMatch {
        match_person(typed, &meeting())
    }

    fn agency(name: &str, index: usize) -> PersonMatch {
        PersonMatch::Agency {
            name: name.into(),
            index: Some(index),
        }
    }

    #[test]
    fn names_without_accents_or_case() {
        assert_eq!(who("Zoe"), PersonMatch::One(0));
        assert_eq!(who("ZOË MARTIN"), PersonMatch::One(0));
        assert_eq!(who("lukasz"), PersonMatch::One(1));
        assert_eq!(who("LN"), PersonMatch::One(1));
        assert_eq!(who("ŁN"), PersonMatch::One(1));
        assert_eq!(who("siobhan oneill"), PersonMatch::One(6));
        assert_eq!(who("O’Neill"), PersonMatch::One(6));
        assert_eq!(who("Nobody"), PersonMatch::NoOne);
        assert_eq!(who(""), PersonMatch::NoOne);
    }

    #[test]
    fn titles_and_initials_with_names() {
        assert_eq!(who("Dr Hughes"), PersonMatch::One(2));
        assert_eq!(who("Mr Nowak"), PersonMatch::One(1));
        assert_eq!(who("Ms Bello"), PersonMatch::One(4));
        assert_eq!(who("DC Raman"), PersonMatch::One(5));
        assert_eq!(who("Inspector Chen"), PersonMatch::One(3));
        assert_eq!(who("Det Sgt Raman"), PersonMatch::One(5));
        assert_eq!(who("Dr H"), PersonMatch::One(2));
        assert_eq!(who("H"), PersonMatch::NoOne);
        assert_eq!(who("Tom H"), PersonMatch::One(2));
        assert_eq!(who("T Hughes"), PersonMatch::One(2));
        assert_eq!(who("Tom Hughes"), PersonMatch::One(2));
        assert_eq!(who("TH"), PersonMatch::One(2));
        assert_eq!(who("DTH"), PersonMatch::One(2));
        // A title alone is not a name, but a rank is a role.
        assert_eq!(who("Mr"), PersonMatch::NoOne);
        assert_eq!(who("the DC"), PersonMatch::One(5));
    }

    #[test]
    fn roles_name_the_attendee_in_them() {
        assert_eq!(who("the chair"), PersonMatch::One(0));
        assert_eq!(who("the GP"), PersonMatch::One(2));
        assert_eq!(who("the advocate"), PersonMatch::One(6));
        assert_eq!(who("the IO"), PersonMatch::One(7));
        assert_eq!(who("the social worker"), PersonMatch::One(4));
        assert_eq!(who("SW"), PersonMatch::One(4));
        assert_eq!(who("the manager"), PersonMatch::One(1));
        assert_eq!(who("the daughter"), PersonMatch::One(10));
        assert_eq!(who("the family"), PersonMatch::One(10));
        assert_eq!(who("police officer"), PersonMatch::One(5));
    }

    #[test]
    fn agencies_by_name_word_and_kind() {
        assert_eq!(who("Oakwood"), agency("Oakwood Care Ltd", 1));
        assert_eq!(who("Oakwood Care"), agency("Oakwood Care Ltd", 1));
        assert_eq!(who("the home"), agency("Oakwood Care Ltd", 1));
        assert_eq!(who("The care home"), agency("Oakwood Care Ltd", 1));
        assert_eq!(who("the provider"), agency("Oakwood Care Ltd", 1));
        assert_eq!(who("the police"), agency("Northshire Police", 5));
        assert_eq!(
            who("the GP surgery"),
            agency("Riverside Medical Practice", 2)
        );
        assert_eq!(who("the hospital"), agency("Northshire NHS Trust", 8));
        assert_eq!(who("housing"), agency("Northshire Homes", 9));
        assert_eq!(who("CQC"), agency("CQC", 3));
        assert_eq!(
            who("ASC"),
            PersonMatch::Agency {
                name: "Adult Social Care".into(),
                index: None
            }
        );
        // "Northshire" is three agencies.
        assert_eq!(who("Northshire"), PersonMatch::Ambiguous(vec![5, 8, 9]));
    }

    #[test]
    fn equal_matches_are_never_guessed() {
        let mut people = meeting();
        people.push(Attendee::new(
            "Tom Evans",
            "Social worker",
            "Adult Social Care",
        ));
        let people = People::new(&people);
        assert_eq!(
            people.match_phrase("Tom"),
            PersonMatch::Ambiguous(vec![2, 11])
        );
        assert_eq!(people.match_phrase("Tom H"), PersonMatch::One(2));
        assert_eq!(
            people.match_phrase("social worker"),
            PersonMatch::Ambiguous(vec![4, 11])
        );
        // A name beats a role: "Evans" is a surname, nobody's role.
        assert_eq!(people.match_phrase("Evans"), PersonMatch::One(11));
    }

    #[test]
    fn plurals_titles_and_generic_agency_words() {
        let attendees = [
            Attendee::new("Tom Hughes", "GP", "Riverside Medical Practice"),
            Attendee::new("Lucy Hughes", "Nurse", "Westshire Hospitals NHS Trust"),
            Attendee::new("Sean O'Brien", "CPN", "Westshire Mental Health NHS Trust"),
            Attendee::new("Jane Smith", "DC", "Northshire Police"),
            Attendee::new("John Stevens", "PC", "Northshire Police"),
            Attendee::new("Sam Patel", "Social worker", "Adult Social Care"),
            Attendee::new("Tom Evans", "Social worker", "Adult Social Care"),
            Attendee::new("Liam Byrne", "Occupational therapist", "Westshire Council"),
        ];
        let people = People::new(&attendees);
        // A title that is also a role settles which Hughes.
        assert_eq!(people.match_phrase("Nurse Hughes"), PersonMatch::One(1));
        assert_eq!(people.match_phrase("Dr Hughes"), PersonMatch::One(0));
        assert_eq!(
            people.match_phrase("Mr Hughes"),
            PersonMatch::Ambiguous(vec![0, 1])
        );
        // Plural roles name everyone in them.
        assert_eq!(
            people.match_phrase("the social workers"),
            PersonMatch::Ambiguous(vec![5, 6])
        );
        assert_eq!(
            people.match_phrase("the officers"),
            PersonMatch::Ambiguous(vec![3, 4])
        );
        // "The trust" is either trust.
        assert_eq!(
            people.match_phrase("the trust"),
            PersonMatch::Ambiguous(vec![1, 2])
        );
        assert_eq!(
            people.match_phrase("occupational therapy"),
            PersonMatch::One(7)
        );
    }

    #[test]
    fn a_role_as_written_beats_what_roles_are_called() {
        let attendees = [
            Attendee::new("Anna Kowalska", "Registered manager", "Oakwood Care"),
            Attendee::new("Ben Clarke", "Deputy manager", "Oakwood Care"),
            Attendee::new("Gary Price", "Enquiry officer", "Adult Social Care"),
            Attendee::new("Tom Hughes", "GP", "Riverside Medical Practice"),
        ];
        let people = People::new(&attendees);
        assert_eq!(
            people.match_phrase("the registered manager"),
            PersonMatch::One(0)
        );
        assert_eq!(
            people.match_phrase("the deputy manager"),
            PersonMatch::One(1)
        );
        // The manager of a home is its registered manager; the deputy is the deputy.
        assert_eq!(people.match_phrase("the manager"), PersonMatch::One(0));
        assert_eq!(people.match_phrase("the home manager"), PersonMatch::One(0));
        assert_eq!(people.match_phrase("the deputy"), PersonMatch::One(1));
        // Initials and a role are equally good: say so; "the GP" is only ever the role.
        assert_eq!(
            people.match_phrase("GP"),
            PersonMatch::Ambiguous(vec![2, 3])
        );
        assert_eq!(people.match_phrase("the GP"), PersonMatch::One(3));
        // A verb is no name for an agency, even when the agency's name starts with one.
        let advocacy = [Attendee::new(
            "Siobhán O'Neill",
            "Advocate",
            "Speak Up Advocacy",
        )];
        let people = People::new(&advocacy);
        assert_eq!(people.match_phrase("speak"), PersonMatch::NoOne);
        assert_eq!(people.match_phrase("Speak Up").attendee(), Some(0));
    }

    #[test]
    fn the_records_chair_is_the_chair() {
        let mut attendees = meeting();
        attendees.push(Attendee::new("Ruth Okafor", "Chair", "Adult Social Care"));
        assert_eq!(
            People::new(&attendees).match_phrase("the chair"),
            PersonMatch::Ambiguous(vec![0, 11])
        );
        let people = People::new(&attendees).with_chair("Ruth Okafor");
        assert_eq!(people.match_phrase("the chair"), PersonMatch::One(11));
        let people = People::new(&attendees).with_chair("Someone Else");
        assert_eq!(
            people.match_phrase("chair"),
            PersonMatch::Ambiguous(vec![0, 11])
        );
    }

    #[test]
    fn common_words_are_not_initials_at_the_start() {
        let attendees = vec![Attendee::new("Tom Owen", "OT", "NHS")];
        let people = People::new(&attendees);
        assert_eq!(people.match_phrase("TO"), PersonMatch::One(0));
        assert_eq!(people.match_start(&["to", "chase"], 4), None);
        assert_eq!(
            people.match_start(&["tom", "to", "chase"], 4),
            Some((1, PersonMatch::One(0)))
        );
    }

    #[test]
    fn suggestions_complete_what_is_typed() {
        let attendees = meeting();
        let people = People::new(&attendees);
        assert_eq!(people.suggest("zo"), vec![0]);
        assert_eq!(people.suggest("dr hu"), vec![2]);
        assert_eq!(people.suggest("luk"), vec![1]);
        assert_eq!(people.suggest("").len(), attendees.len());
        assert!(people.suggest("xyz").is_empty());
        // Names before roles before agencies.
        let found = people.suggest("a");
        assert_eq!(found.first(), Some(&4)); // Amara
    }
}
