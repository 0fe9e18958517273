//! Closed value lists used across the record: each value has a stable serialised key and a
//! human label. The safeguarding codes use the national Safeguarding Adults Collection (SAC)
//! wording verbatim (`shared/domain.md` part b).

/// Defines a closed value list: serde key, display label and `ALL` in one place.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = $label] #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every value, in the order of the source list.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key written to record files.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The label shown to people (verbatim from the source list).
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Looks a value up by its key or, ignoring case, its label.
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|value| {
                    value.key() == text || value.label().eq_ignore_ascii_case(text)
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

vocabulary! {
    /// Who may see an entry: the adult's copy of the minutes leaves out everything but `All`.
    #[derive(Default)]
    Visibility {
        #[default]
        All = "all", "All";
        ProfessionalsOnly = "professionals_only", "Professionals only (part 1)";
        Restricted = "restricted", "Restricted (chair's permission to share)";
    }
}

impl Visibility {
    /// Whether the version sent to the adult or their representative may contain the entry.
    #[must_use]
    pub const fn shareable_with_adult(self) -> bool {
        matches!(self, Self::All)
    }
}

vocabulary! {
    /// How the meeting is held (`001` strategy row, `000` section 5).
    MeetingMode {
        InPerson = "in_person", "In person";
        Video = "video", "Video";
        Phone = "phone", "Telephone";
        Mixed = "mixed", "Mixed (in person and remote)";
    }
}

vocabulary! {
    /// Which part of a two-part meeting is running (`004` section 4, `000` section 5.8).
    #[derive(Default)]
    MeetingPart {
        #[default]
        Whole = "whole", "Whole meeting";
        ProfessionalsOnly = "part1_professionals_only", "Part 1: professionals only";
        WithAdult = "part2_with_adult", "Part 2: with the adult";
    }
}

impl MeetingPart {
    /// The visibility new entries get while this part runs: part 1 is professionals-only.
    #[must_use]
    pub const fn default_visibility(self) -> Visibility {
        match self {
            Self::ProfessionalsOnly => Visibility::ProfessionalsOnly,
            Self::Whole | Self::WithAdult => Visibility::All,
        }
    }
}

vocabulary! {
    /// Where the minutes are in their life (`004` section 6.1: approved by the chair, circulated).
    #[derive(Default)]
    MinutesStatus {
        #[default]
        Draft = "draft", "Draft";
        Agreed = "agreed", "Agreed by chair";
        Circulated = "circulated", "Circulated";
    }
}

vocabulary! {
    /// Whether and how someone took part.
    #[derive(Default)]
    Attendance {
        #[default]
        Present = "present", "Present";
        Apologies = "apologies", "Apologies";
        Absent = "absent", "Absent";
        WrittenContribution = "written_contribution", "Apologies, written contribution sent";
    }
}

vocabulary! {
    /// The kind of representative for the adult (`004` section 4.2-4.3).
    RepresentativeKind {
        Advocate = "advocate", "Advocate";
        Imca = "imca", "Independent Mental Capacity Advocate";
        Family = "family", "Family member";
        Friend = "friend", "Friend or supporter";
        LegalRepresentative = "legal_representative", "Legal representative";
        Attorney = "attorney", "Lasting Power of Attorney";
        Deputy = "deputy", "Court of Protection deputy";
        Other = "other", "Other representative";
    }
}

vocabulary! {
    /// How the adult's views reached the meeting (`004` section 4.2, `000` section 2.1-2.2).
    ViewsGiven {
        InPerson = "in_person", "In person";
        InWriting = "in_writing", "In writing";
        ThroughAdvocate = "through_advocate", "Through an advocate";
        ThroughRepresentative = "through_representative", "Through a representative";
        ThroughWorker = "through_worker", "Through a worker (e.g. the safeguarding adults manager)";
        NotGiven = "not_given", "Views not obtained";
    }
}

vocabulary! {
    /// SAC SG3a: did the individual lack capacity to make decisions about the risk?
    MentalCapacity {
        LackedCapacity = "yes", "Yes, they lacked capacity";
        HadCapacity = "no", "No";
        DontKnow = "dont_know", "Don't know";
        NotRecorded = "not_recorded", "Not recorded";
    }
}

vocabulary! {
    /// Whether the enquiry a meeting belongs to is a section 42 enquiry (Care Act 2014 s42(2):
    /// the duty to make enquiries) or another safeguarding enquiry the local authority chose
    /// to make. The SAC counts the two apart (SG1f; the SG2-SG4 tables are published for
    /// "Concluded Section 42 Enquiries").
    EnquiryKind {
        Section42 = "section_42", "Section 42 enquiry";
        Other = "other", "Other safeguarding enquiry (not section 42)";
    }
}

vocabulary! {
    /// Who decides in the adult's best interests when they lack capacity (`004` section 4.2-4.3).
    BestInterestsDecider {
        Attorney = "lpa", "Lasting Power of Attorney (health and welfare or property and finance)";
        Deputy = "deputy", "Court of Protection deputy";
        DecisionMaker = "decision_maker", "Decision maker under the MCA Code";
    }
}

vocabulary! {
    /// SAC SG4a: was the individual asked about their desired outcomes (Making Safeguarding Personal)?
    MspAsked {
        AskedExpressed = "asked_expressed", "Yes, they were asked and outcomes were expressed";
        AskedNoneExpressed = "asked_none_expressed", "Yes, they were asked but no outcomes were expressed";
        NotAsked = "no", "No";
        DontKnow = "dont_know", "Don't know";
        NotRecorded = "not_recorded", "Not recorded";
    }
}

vocabulary! {
    /// SAC SG4a: were the expressed outcomes achieved?
    OutcomeAchieved {
        Fully = "fully", "Fully achieved";
        Partially = "partially", "Partially achieved";
        NotAchieved = "not_achieved", "Not achieved";
    }
}

vocabulary! {
    /// SAC SG2a: the 11 types of risk.
    AbuseType {
        Physical = "physical", "Physical";
        Sexual = "sexual", "Sexual";
        Psychological = "psychological", "Psychological";
        Financial = "financial", "Financial or Material";
        Discriminatory = "discriminatory", "Discriminatory";
        Organisational = "organisational", "Organisational";
        Neglect = "neglect", "Neglect and Acts of Omission";
        DomesticAbuse = "domestic_abuse", "Domestic Abuse";
        SexualExploitation = "sexual_exploitation", "Sexual Exploitation";
        ModernSlavery = "modern_slavery", "Modern Slavery";
        SelfNeglect = "self_neglect", "Self-Neglect";
    }
}

vocabulary! {
    /// SAC SG2b: the 9 locations of risk.
    RiskLocation {
        OwnHome = "own_home", "Own Home";
        Community = "community", "In the Community (excluding Community Services)";
        CommunityService = "community_service", "In a Community Service";
        CareHomeNursing = "care_home_nursing", "Care Home - Nursing";
        CareHomeResidential = "care_home_residential", "Care Home - Residential";
        HospitalAcute = "hospital_acute", "Hospital - Acute";
        HospitalMentalHealth = "hospital_mental_health", "Hospital - Mental Health";
        HospitalCommunity = "hospital_community", "Hospital - Community";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// SAC SG2b: the 3 sources of risk ("Service Provider" is paid or commissioned social care).
    RiskSource {
        ServiceProvider = "service_provider", "Service Provider";
        KnownToIndividual = "known_to_individual", "Other - Known to Individual";
        UnknownToIndividual = "unknown_to_individual", "Other - Unknown to Individual";
    }
}

vocabulary! {
    /// The finding on the balance of probabilities for one allegation (`004` section 4.4).
    BalanceFinding {
        Substantiated = "substantiated", "Substantiated";
        PartiallySubstantiated = "partially_substantiated", "Partially substantiated";
        NotSubstantiated = "not_substantiated", "Not substantiated";
        Inconclusive = "inconclusive", "Inconclusive";
    }
}

vocabulary! {
    /// SAC SG2c: the 7 action-and-result codes of a concluded enquiry.
    EnquiryResult {
        RiskIdentifiedActionTaken = "risk_identified_action_taken", "Risk identified and action taken";
        RiskIdentifiedNoAction = "risk_identified_no_action", "Risk identified and no action taken";
        InconclusiveActionTaken = "inconclusive_action_taken", "Risk - assessment inconclusive and action taken";
        InconclusiveNoAction = "inconclusive_no_action", "Risk - assessment inconclusive and no action taken";
        NoRiskActionTaken = "no_risk_action_taken", "No risk identified and action taken";
        NoRiskNoAction = "no_risk_no_action", "No risk identified and no action taken";
        CeasedAtRequest = "ceased_at_request", "Enquiry ceased at individual's request and no action taken";
    }
}

impl EnquiryResult {
    /// SG2e asks for a risk outcome only where a risk was identified.
    #[must_use]
    pub const fn risk_identified(self) -> bool {
        matches!(
            self,
            Self::RiskIdentifiedActionTaken | Self::RiskIdentifiedNoAction
        )
    }
}

vocabulary! {
    /// SAC SG2e: what happened to the identified risk (`000`: removed / reduced / remains).
    RiskOutcome {
        Remained = "remained", "Risk remained";
        Reduced = "reduced", "Risk reduced";
        Removed = "removed", "Risk removed";
    }
}

vocabulary! {
    /// Outcomes for the adult (`004` section 5.2, all 22).
    AdultOutcome {
        IncreasedMonitoring = "increased_monitoring", "Increased monitoring";
        Relocated = "relocated", "Relocated from property or service";
        CareActServices = "care_act_services", "Local authority assessment and services under the Care Act";
        CivilAction = "civil_action", "Civil action";
        CourtOfProtection = "court_of_protection", "Involvement of Court of Protection";
        AppointeeshipChange = "appointeeship_change", "Change of appointeeship";
        FinancesAccessManaged = "finances_access_managed", "Management of access to finances";
        AdvocacyReferral = "advocacy_referral", "Referral to advocacy / Independent Mental Capacity Advocate service";
        Counselling = "counselling", "Referral for counselling";
        CarePackageChanged = "care_package_changed", "Increase / different care package";
        MentalHealthAct = "mental_health_act", "Action under the Mental Health Act";
        DirectPaymentsReview = "direct_payments_review", "Review of direct payments / support";
        PerpetratorAccessManaged = "perpetrator_access_managed", "Management of access to alleged perpetrator";
        DeclaratoryRelief = "declaratory_relief", "Declaratory relief";
        ComplaintsReferral = "complaints_referral", "Referral to complaints procedure";
        RefusedIntervention = "refused_intervention", "Adult refused intervention";
        Guardianship = "guardianship", "Guardianship";
        SafeguardingAdultsReview = "safeguarding_adults_review", "Safeguarding Adults Review (SAR)";
        PlacingAuthorityAction = "placing_authority_action", "Action by placing authority";
        CarePlanReview = "care_plan_review", "Review of care and support plan / risk assessment";
        NoFurtherAction = "no_further_action", "No further action";
        Other = "other", "Other";
    }
}

vocabulary! {
    /// Outcomes for the person causing harm, the provider or the organisation (`004` section 5.3:
    /// the six listed, plus the organisational changes its closing paragraph describes).
    HarmCauserOutcome {
        ProsecutionOrCaution = "prosecution_or_caution", "Criminal prosecution / formal caution";
        PoliceAction = "police_action", "Police action";
        AssessmentOrServices = "assessment_or_services", "Offer of assessment / services";
        RemovalFromProperty = "removal_from_property", "Removal from property / support, advice, services";
        AccessToAdultManaged = "access_to_adult_managed", "Management of access to adult at risk";
        DbsReferral = "dbs_referral", "Referral to the Disclosure and Barring Service (DBS)";
        OrganisationalChanges = "organisational_changes", "Organisational changes";
    }
}

vocabulary! {
    /// Referrals the meeting may decide on (`004` section 5.3-5.4, `000` Protection and section 2.3).
    ReferralKind {
        Dbs = "dbs", "Disclosure and Barring Service";
        Cqc = "cqc", "Care Quality Commission";
        Police = "police", "Police";
        SafeguardingAdultsReview = "safeguarding_adults_review", "Safeguarding Adults Review (s44)";
        ChildProtection = "child_protection", "Child protection";
        ProviderConcerns = "provider_concerns", "Provider concerns (via contracts officer)";
        ProfessionalRegulator = "professional_regulator", "Professional regulator";
        PressureUlcerPanel = "pressure_ulcer_panel", "Pressure ulcer panel";
        NhsSeriousIncident = "nhs_serious_incident", "NHS serious incident process";
    }
}

vocabulary! {
    /// Where an action stands.
    #[derive(Default)]
    ActionStatus {
        #[default]
        Open = "open", "Open";
        Done = "done", "Done";
        Cancelled = "cancelled", "Cancelled";
    }
}

vocabulary! {
    /// What a meeting found when it reviewed an action carried from the previous meeting:
    /// done, or still open and why (the SafeLives split of incomplete actions, `domain.md`
    /// part c).
    ActionReview {
        Done = "done", "Done";
        CircumstancesChanged = "circumstances_changed", "Still open: circumstances changed";
        AgencyDidNotAct = "agency_did_not_act", "Still open: the agency did not act";
    }
}

vocabulary! {
    /// Where an agenda item stands.
    #[derive(Default)]
    ItemStatus {
        #[default]
        Pending = "pending", "Pending";
        Current = "current", "Current";
        Done = "done", "Done";
        /// Left out: not discussed this time (written `skipped`).
        Skipped = "skipped", "Not discussed";
        NotApplicable = "not_applicable", "Not applicable";
    }
}

vocabulary! {
    /// What a change to a note after it was entered did (its history keeps what it was).
    NoteChange {
        Corrected = "corrected", "Corrected";
        Moved = "moved", "Moved to another agenda item";
        Deleted = "deleted", "Deleted";
    }
}

vocabulary! {
    /// What an agenda item mostly captures; the live screen opens the matching pane.
    ItemKind {
        Notes = "notes", "Notes";
        Attendance = "attendance", "Attendance";
        Findings = "findings", "Findings";
        Decisions = "decisions", "Decisions";
        Plan = "plan", "Plan";
        Actions = "actions", "Actions";
        Feedback = "feedback", "Feedback";
        Review = "review", "Review";
    }
}

/// Defines `sac_label()` for a SAC list: the words NHS England's published tables use for
/// each value, where they can differ from [`label`](AbuseType::label) (what the screens
/// show). The match is exhaustive, so a new value cannot be left without its published label.
macro_rules! sac_labels {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal,)+ }) => {
        impl $name {
            $(#[$meta])*
            #[must_use]
            pub const fn sac_label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

// The published labels, word for word, from NHS England's publication code
// (`NHSDigital/ASC-Safeguarding-Adults`, `publication_outputs/data_tables_export_outputs.py`
// `create_table_ranges`, and `pbi_risk_table.py` for the SG2a/SG2b rows and columns; SAC
// guidance 2024-25, "SG2: Case details"). Gathered in `shared/sac-publication.md` section 3.

sac_labels! {
    /// SG1f (SAC guidance 2024-25, "SG1: Demographics", table SG1f): "of Section 42
    /// Safeguarding Enquiries" and "of Other Safeguarding Enquiries".
    EnquiryKind {
        Section42 => "Section 42 Safeguarding Enquiries",
        Other => "Other Safeguarding Enquiries",
    }
}

sac_labels! {
    /// SG2a, type of risk (table rows of "Type and Source (SG2a)"): each type ends in "Abuse"
    /// where the publication says so.
    AbuseType {
        Physical => "Physical Abuse",
        Sexual => "Sexual Abuse",
        Psychological => "Psychological Abuse",
        Financial => "Financial or Material Abuse",
        Discriminatory => "Discriminatory Abuse",
        Organisational => "Organisational Abuse",
        Neglect => "Neglect and Acts of Omission",
        DomesticAbuse => "Domestic Abuse",
        SexualExploitation => "Sexual Exploitation",
        ModernSlavery => "Modern Slavery",
        SelfNeglect => "Self-Neglect",
    }
}

sac_labels! {
    /// SG2b, location of risk (rows of "Location and Source (SG2b)").
    RiskLocation {
        OwnHome => "Own Home",
        Community => "In the Community",
        CommunityService => "Community Service",
        CareHomeNursing => "Care Home - Nursing",
        CareHomeResidential => "Care Home - Residential",
        HospitalAcute => "Hospital - Acute",
        HospitalMentalHealth => "Hospital - Mental Health",
        HospitalCommunity => "Hospital - Community",
        Other => "Other",
    }
}

sac_labels! {
    /// SG2a and SG2b, source of risk (the columns of both tables).
    RiskSource {
        ServiceProvider => "Service Provider",
        KnownToIndividual => "Other - Known to individual",
        UnknownToIndividual => "Other - Unknown to individual",
    }
}

sac_labels! {
    /// SG2c, action taken and result of the concluded enquiry.
    EnquiryResult {
        RiskIdentifiedActionTaken => "Risk identified and action taken",
        RiskIdentifiedNoAction => "Risk identified and no action taken",
        InconclusiveActionTaken => "Risk Assessment inconclusive and action taken",
        InconclusiveNoAction => "Risk Assessment inconclusive and no action taken",
        NoRiskActionTaken => "No risk identified and action taken",
        NoRiskNoAction => "No risk identified and no action taken",
        CeasedAtRequest => "Enquiry ceased at individual's request and no action taken",
    }
}

sac_labels! {
    /// SG2e, risk outcome (where a risk was identified).
    RiskOutcome {
        Remained => "Risk remained",
        Reduced => "Risk reduced",
        Removed => "Risk removed",
    }
}

sac_labels! {
    /// SG3a, did the individual lack capacity.
    MentalCapacity {
        LackedCapacity => "Yes, they lacked capacity",
        HadCapacity => "No, they did not lack capacity",
        DontKnow => "Don't know",
        NotRecorded => "Not recorded",
    }
}

sac_labels! {
    /// SG4a, were they asked about their desired outcomes (Making Safeguarding Personal).
    MspAsked {
        AskedExpressed => "Yes they were asked and outcomes were expressed",
        AskedNoneExpressed => "Yes they were asked but no outcomes were expressed",
        NotAsked => "No",
        DontKnow => "Don't Know",
        NotRecorded => "Not Recorded",
    }
}

sac_labels! {
    /// SG4a, of those who expressed outcomes, were they achieved.
    OutcomeAchieved {
        Fully => "Fully Achieved",
        Partially => "Partially Achieved",
        NotAchieved => "Not Achieved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sac_lists_have_the_national_sizes() {
        assert_eq!(AbuseType::ALL.len(), 11);
        assert_eq!(RiskLocation::ALL.len(), 9);
        assert_eq!(RiskSource::ALL.len(), 3);
        assert_eq!(EnquiryResult::ALL.len(), 7);
        assert_eq!(RiskOutcome::ALL.len(), 3);
        assert_eq!(MentalCapacity::ALL.len(), 4);
        assert_eq!(MspAsked::ALL.len(), 5);
        assert_eq!(OutcomeAchieved::ALL.len(), 3);
        assert_eq!(AdultOutcome::ALL.len(), 22);
    }

    #[test]
    fn keys_and_labels_are_unique_and_parse_back() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            key: fn(T) -> &'static str,
            label: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    assert_ne!(key(*a), key(*b));
                    assert_ne!(label(*a), label(*b));
                }
                assert_eq!(parse(key(*a)), Some(*a));
                assert_eq!(parse(&label(*a).to_uppercase()), Some(*a));
            }
        }
        check(
            AbuseType::ALL,
            AbuseType::key,
            AbuseType::label,
            AbuseType::parse,
        );
        check(
            RiskLocation::ALL,
            RiskLocation::key,
            RiskLocation::label,
            RiskLocation::parse,
        );
        check(
            EnquiryResult::ALL,
            EnquiryResult::key,
            EnquiryResult::label,
            EnquiryResult::parse,
        );
        check(
            AdultOutcome::ALL,
            AdultOutcome::key,
            AdultOutcome::label,
            AdultOutcome::parse,
        );
        check(
            HarmCauserOutcome::ALL,
            HarmCauserOutcome::key,
            HarmCauserOutcome::label,
            HarmCauserOutcome::parse,
        );
        check(
            ActionReview::ALL,
            ActionReview::key,
            ActionReview::label,
            ActionReview::parse,
        );
        check(
            ReferralKind::ALL,
            ReferralKind::key,
            ReferralKind::label,
            ReferralKind::parse,
        );
    }

    #[test]
    fn serialises_to_the_stable_key() {
        assert_eq!(
            serde_json::to_string(&AbuseType::Neglect).ok().as_deref(),
            Some("\"neglect\"")
        );
        assert_eq!(
            serde_json::from_str::<MeetingPart>("\"part1_professionals_only\"").ok(),
            Some(MeetingPart::ProfessionalsOnly)
        );
    }

    #[test]
    fn part_one_entries_are_professionals_only() {
        assert_eq!(
            MeetingPart::ProfessionalsOnly.default_visibility(),
            Visibility::ProfessionalsOnly
        );
        assert!(!Visibility::Restricted.shareable_with_adult());
        assert!(Visibility::All.shareable_with_adult());
        assert!(EnquiryResult::RiskIdentifiedNoAction.risk_identified());
        assert!(!EnquiryResult::NoRiskNoAction.risk_identified());
    }
}
