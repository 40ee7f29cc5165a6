/// Where a supervision suggestion goes (Art 40): each paragraph names its own addressee.
extension Directory {
    /// The organs a suggestion is addressed to, in the directory's order; empty when the
    /// directory holds none (the order is then refused, `suggestion-no-addressee`).
    ///
    /// - improve work (Art 40 para 1): the organ concerned itself;
    /// - improve policy (para 2): the Party committee and the government of the issuing
    ///   petition department's own level (本级党委和政府): same level, same region;
    /// - pursue accountability (para 3): the organ with authority over the organ concerned
    ///   (`managementAuthority(over:)`).
    package func addressees(of suggestion: Suggestion, concerning organ: OrganCode, issuedBy issuer: OrganCode) -> [OrganCode] {
        switch suggestion {
        case .improveWork:
            return self[organ] == nil ? [] : [organ]
        case .improvePolicy:
            guard let home = self[issuer] else { return [] }
            // The Party committee first, then the government, as the paragraph names them (本级党委和政府).
            let leads: [Organ.Kind] = [.partyCommittee, .government]
            return leads.flatMap { type in
                organs.filter { $0.type == type && $0.level == home.level && $0.region == home.region }.map(\.code)
            }
        case .pursueAccountability:
            return managementAuthority(over: organ).map { [$0] } ?? []
        }
    }

    /// The organ with authority over `organ` for accountability (Art 40 para 3, "有权处理的党委和
    /// 政府或者其他机关"): for a government or Party committee, its superior in the directory; for
    /// any other organ, the government of its own level and region (a department answers to the
    /// government it belongs to), else its superior. Decision 0024.
    package func managementAuthority(over organ: OrganCode) -> OrganCode? {
        guard let o = self[organ] else { return nil }
        switch o.type {
        case .government, .partyCommittee:
            return o.superior
        case .petitionBureau, .department, .politicalLegal, .discipline, .court, .procuratorate, .publicSecurity,
             .subdistrict, .township:
            let government = organs.first { (candidate: Organ) -> Bool in
                candidate.type == .government && candidate.level == o.level && candidate.region == o.region
            }
            return government?.code ?? o.superior
        }
    }
}

extension CaseState.SupervisionOrder {
    /// The organs its suggestion goes to, which answer it in writing (Art 40 paras 1–4): the
    /// organ supervised for an improve-work suggestion, the issuer's own level's Party committee
    /// and government for improve-policy, the organ with authority over it for accountability.
    package func addressees(in directory: Directory) -> [OrganCode] {
        directory.addressees(of: suggestion, concerning: organ, issuedBy: issuedBy)
    }
}
