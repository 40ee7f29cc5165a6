/// How the values of the regulation's closed lists read to a clerk: the console's
/// choice fields show these, and store the raw value.
package enum ChoiceLabels {
    /// The label of a raw value, or the value itself when it has none.
    package static func label(_ value: String, _ language: Language) -> String {
        labels[value]?.text(language) ?? value
    }

    static let labels: [String: Localized] = [
        // Channels (Art 17) and petitioner kinds (Arts 17, 48).
        "visit": Localized("走访", "visit"), "letter": Localized("来信", "letter"), "phone": Localized("来电", "phone"),
        "online": Localized("网上信访", "online"), "fax": Localized("传真", "fax"),
        "citizen": Localized("公民", "citizen"), "legalPerson": Localized("法人", "legal person"),
        "otherOrganisation": Localized("其他组织", "other organisation"), "foreigner": Localized("外国人", "foreigner"),
        "stateless": Localized("无国籍人", "stateless person"),
        "foreignOrganisation": Localized("外国组织", "foreign organisation"),
        // Matter types (Arts 29–31).
        "suggestion": Localized("建议意见", "suggestion"), "accusation": Localized("检举控告", "accusation"),
        "grievance": Localized("申诉求决", "grievance"),
        "yes": Localized("是", "yes"), "no": Localized("否", "no"),
        "pendingElsewhere": Localized("同一事项下级机关办理中", "pending at a lower organ"),
        "alreadyFinal": Localized("已复核终结", "final after re-review"),
        "mediation": Localized("调解协议", "mediation agreement"), "settlement": Localized("和解协议", "settlement"),
        "support": Localized("支持", "support"), "explain": Localized("解释说明", "explain"),
        "notSupport": Localized("不予支持", "not supported"), "adopted": Localized("采纳", "adopted"),
        "adoptedInPart": Localized("部分采纳", "adopted in part"), "notAdopted": Localized("不予采纳", "not adopted"),
        "leadershipTeam": Localized("领导班子", "leadership team"), "leader": Localized("领导干部", "leader"),
        "interview": Localized("约谈", "interview"), "circular": Localized("通报", "circular"),
        "listing": Localized("挂牌督办", "listed supervision"), "inspection": Localized("督查", "inspection"),
        "substantiated": Localized("属实", "substantiated"), "partlySubstantiated": Localized("部分属实", "partly substantiated"),
        "unsubstantiated": Localized("不属实", "unsubstantiated"),
        "solved": Localized("问题解决到位", "solved"), "explained": Localized("解释疏导到位", "explained"),
        "assisted": Localized("帮扶救助到位", "assisted"), "dealtWithByLaw": Localized("依法处理", "dealt with by law"),
        "upheld": Localized("维持", "upheld"), "changed": Localized("变更", "changed"), "revoked": Localized("撤销", "revoked"),
        "illegalGathering": Localized("非法聚集、围堵冲击", "illegal gathering or blocking"),
        "dangerousArticles": Localized("携带危险物品", "dangerous articles"),
        "assaultOrDamage": Localized("侮辱殴打威胁、毁坏财物", "assault, threats or damage"),
        "lingeringOrAbandoning": Localized("滞留、弃留他人", "lingering or abandoning dependants"),
        "incitingOrProfiting": Localized("煽动串联、牟利", "inciting or profiting"),
        "otherDisturbance": Localized("其他扰乱秩序", "other disturbance"),
        "education": Localized("教育疏导", "education"), "disputeResolution": Localized("矛盾化解", "dispute resolution"),
        "assistance": Localized("帮扶救助", "assistance"),
        "satisfied": Localized("满意", "satisfied"), "basicallySatisfied": Localized("基本满意", "basically satisfied"),
        "dissatisfied": Localized("不满意", "dissatisfied"),
        "improveWork": Localized("改进工作", "improve work"), "improvePolicy": Localized("完善政策", "improve policy"),
        "pursueAccountability": Localized("追究责任", "pursue accountability"),
        "repeats": Localized("重复信访", "repeats"), "related": Localized("相关事项", "related"),
        "name": Localized("姓名", "name"), "idNumber": Localized("证件号码", "ID number"),
        "address": Localized("住址", "address"), "request": Localized("信访请求", "request"),
        "facts": Localized("事实", "facts"), "reasons": Localized("理由", "reasons"),
        "category": Localized("问题类别", "category"),
        "accusedOrgan": Localized("被检举控告单位", "accused organ"),
        "accusedPersonName": Localized("被检举控告人姓名", "accused person's name"),
        "accusedPersonPost": Localized("被检举控告人职务", "accused person's post"),
        "accusedPersonOrgan": Localized("被检举控告人所在单位", "accused person's organ"),
    ]
}
