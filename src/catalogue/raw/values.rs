//! The words a field of the content files may take (`kind: eu_project`,
//! `role: partner`…): one enum per choice, each with its serde names and
//! every variant in the order the documentation lists them. They are part
//! of the description of the front matter (`raw`), and the model uses them
//! as they are; the web editor offers them as options and the spreadsheet
//! reads them from cells by the same serde names.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ErasmusMobility,
    EuProject,
    CrossBorder,
    Bilateral,
    Network,
    DecentralisedCooperation,
}

impl Kind {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [Kind; 6] = [
        Kind::ErasmusMobility,
        Kind::EuProject,
        Kind::CrossBorder,
        Kind::Bilateral,
        Kind::Network,
        Kind::DecentralisedCooperation,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Ongoing,
    Ended,
}

impl Status {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [Status; 3] = [Status::Planned, Status::Ongoing, Status::Ended];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    Partner,
    Associate,
    MaitreOuvrage,
    MaitreOeuvre,
}

impl Role {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [Role; 5] = [
        Role::Coordinator,
        Role::Partner,
        Role::Associate,
        Role::MaitreOuvrage,
        Role::MaitreOeuvre,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum MobilityType {
    #[serde(rename = "SMS")]
    Sms,
    #[serde(rename = "SMP")]
    Smp,
    #[serde(rename = "STA")]
    Sta,
    #[serde(rename = "STT")]
    Stt,
    #[serde(rename = "group")]
    Group,
}

impl MobilityType {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [MobilityType; 5] = [
        MobilityType::Sms,
        MobilityType::Smp,
        MobilityType::Sta,
        MobilityType::Stt,
        MobilityType::Group,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outgoing,
    Incoming,
    Both,
}

impl Direction {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [Direction; 3] = [Direction::Outgoing, Direction::Incoming, Direction::Both];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Website,
    Results,
    Press,
    Document,
}

impl LinkKind {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [LinkKind; 4] = [
        LinkKind::Website,
        LinkKind::Results,
        LinkKind::Press,
        LinkKind::Document,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EuStatement {
    Funded,
    CoFunded,
}

impl EuStatement {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [EuStatement; 2] = [EuStatement::Funded, EuStatement::CoFunded];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionType {
    TrainingInstitute,
    University,
    PublicAuthority,
    Association,
    ChildProtection,
    Network,
    Other,
}

impl InstitutionType {
    /// Every variant, in the order the documentation lists them.
    pub const ALL: [InstitutionType; 7] = [
        InstitutionType::TrainingInstitute,
        InstitutionType::University,
        InstitutionType::PublicAuthority,
        InstitutionType::Association,
        InstitutionType::ChildProtection,
        InstitutionType::Network,
        InstitutionType::Other,
    ];
}
