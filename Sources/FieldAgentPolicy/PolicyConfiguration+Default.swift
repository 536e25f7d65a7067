import FieldAgentCore
import Foundation

extension PolicyConfiguration {
    /// The embedded default rule set, identical to `Fixtures/policy/default-policy.json`.
    public static let standard: PolicyConfiguration = {
        do {
            return try load(Array(defaultJSON.utf8))
        } catch {
            fatalError("embedded default policy is invalid: \(error)")
        }
    }()

    /// The text of `Fixtures/policy/default-policy.json`, embedded so the library works without files.
    public static let defaultJSON = """
        {
          "version": "2026.1",
          "graceDays": 0,
          "lateWindowMonths": 12,
          "brokenPromiseWindowMonths": 6,
          "understandingMaxLatePayments": 1,
          "understandingMaxBrokenPromises": 0,
          "understandingMaxDaysPastDue": 30,
          "decisiveMinLatePayments": 4,
          "decisiveMinBrokenPromises": 2,
          "decisiveDaysPastDueAbove": 60,
          "decisiveContactWithinDays": 1,
          "contactHours": {
            "monday": "08:00-21:00",
            "tuesday": "08:00-21:00",
            "wednesday": "08:00-21:00",
            "thursday": "08:00-21:00",
            "friday": "08:00-21:00",
            "saturday": "08:00-21:00",
            "sunday": null
          },
          "attemptCap": 7,
          "attemptCapDays": 7,
          "rightPartyPauseDays": 7,
          "staleSyncHours": 24,
          "slotMinutes": 60,
          "channelFallback": ["call", "sms", "email", "letter", "visit"],
          "satisfiedMinScore": 4
        }
        """

    /// Decodes and checks a rule set from JSON bytes (the format of `default-policy.json`).
    ///
    /// Every key is required; a value out of range is rejected with the key's name.
    public static func load(_ bytes: [UInt8]) throws(PolicyConfigurationError) -> PolicyConfiguration {
        let configuration: PolicyConfiguration
        do {
            configuration = try JSONDecoder().decode(PolicyConfiguration.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath + [key]) + ": is required")
        } catch let DecodingError.typeMismatch(_, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": is required")
        } catch let DecodingError.dataCorrupted(context) {
            throw PolicyConfigurationError(problem: path(context.codingPath) + ": invalid value")
        } catch {
            throw PolicyConfigurationError(problem: "not valid JSON")
        }
        if let problem = configuration.problem { throw PolicyConfigurationError(problem: problem) }
        return configuration
    }

    /// The first out-of-range value, or nil when the rule set is usable.
    var problem: String? {
        let checks: [(String, Int, ClosedRange<Int>)] = [
            ("graceDays", graceDays, 0...365),
            ("lateWindowMonths", lateWindowMonths, 1...120),
            ("brokenPromiseWindowMonths", brokenPromiseWindowMonths, 1...120),
            ("understandingMaxLatePayments", understandingMaxLatePayments, 0...1000),
            ("understandingMaxBrokenPromises", understandingMaxBrokenPromises, 0...1000),
            ("understandingMaxDaysPastDue", understandingMaxDaysPastDue, 0...100_000),
            ("decisiveMinLatePayments", decisiveMinLatePayments, 1...1000),
            ("decisiveMinBrokenPromises", decisiveMinBrokenPromises, 1...1000),
            ("decisiveDaysPastDueAbove", decisiveDaysPastDueAbove, 0...100_000),
            ("decisiveContactWithinDays", decisiveContactWithinDays, 0...365),
            ("attemptCap", attemptCap, 1...1000),
            ("attemptCapDays", attemptCapDays, 1...365),
            ("rightPartyPauseDays", rightPartyPauseDays, 0...365),
            ("staleSyncHours", staleSyncHours, 1...100_000),
            ("slotMinutes", slotMinutes, 1...1440),
            ("satisfiedMinScore", satisfiedMinScore, 1...5),
        ]
        for (key, value, range) in checks where !range.contains(value) {
            return "\(key): must be between \(range.lowerBound) and \(range.upperBound)"
        }
        if version.isEmpty { return "version: must not be empty" }
        if channelFallback.isEmpty { return "channelFallback: must name at least one channel" }
        if Set(channelFallback).count != channelFallback.count { return "channelFallback: duplicate channel" }
        return nil
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "document" : keys.map(\.stringValue).joined(separator: ".")
    }
}
