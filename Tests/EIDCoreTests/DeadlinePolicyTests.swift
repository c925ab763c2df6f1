import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { CalendarFixtures.date(text) }
private let policy = DeadlinePolicy.decree69
private let statutory = CalendarFixtures.statutory
private let decided = CalendarFixtures.with2025Decisions

private func deadline(_ level: AccountLevel, biometrics: Bool = true, received: String,
                      calendar: WorkingCalendar = statutory) -> CivilDate {
    policy.deadline(for: level, biometricsOnFile: biometrics, receivedOn: date(received), calendar: calendar)
}

@Suite struct DeadlinePolicyTests {
    @Test func workingDaysAllowed() {
        #expect(policy.workingDays(for: .level1, biometricsOnFile: false) == 1)
        #expect(policy.workingDays(for: .level1, biometricsOnFile: true) == 1)
        #expect(policy.workingDays(for: .level2, biometricsOnFile: true) == 3)
        #expect(policy.workingDays(for: .level2, biometricsOnFile: false) == 7)
    }

    @Test func acrossAWeekend() {
        // Received Friday 2025-07-04.
        #expect(deadline(.level1, received: "2025-07-04") == date("2025-07-07"))
        #expect(deadline(.level2, biometrics: true, received: "2025-07-04") == date("2025-07-09"))
        #expect(deadline(.level2, biometrics: false, received: "2025-07-04") == date("2025-07-15"))
        // Received on Saturday during a campaign: counting starts on Monday.
        #expect(deadline(.level2, biometrics: true, received: "2025-07-05") == date("2025-07-09"))
        #expect(deadline(.level2, biometrics: true, received: "2025-07-06") == date("2025-07-09"))
        // Received on Monday: Monday does not count.
        #expect(deadline(.level2, biometrics: true, received: "2025-07-07") == date("2025-07-10"))
    }

    @Test func acrossTet2026() {
        // Received Friday 2026-02-13; 14–22 February are off.
        #expect(deadline(.level1, received: "2026-02-13") == date("2026-02-23"))
        #expect(deadline(.level2, biometrics: true, received: "2026-02-13") == date("2026-02-25"))
        #expect(deadline(.level2, biometrics: false, received: "2026-02-13") == date("2026-03-03"))
    }

    @Test func acrossHungKingsAndReunificationDay2026() {
        // Friday 2026-04-24: weekend, Monday 27 (compensatory for Sunday 26), then 28, 29,
        // 30 April and 1 May off, weekend, Monday 4 May.
        #expect(deadline(.level2, biometrics: true, received: "2026-04-24") == date("2026-05-04"))
        #expect(deadline(.level2, biometrics: true, received: "2026-04-29") == date("2026-05-06"))
    }

    @Test func acrossReunificationDay2025WithTheSwap() {
        // Friday 2025-04-25: Saturday 26 is a make-up working day.
        #expect(deadline(.level2, received: "2025-04-25", calendar: decided) == date("2025-04-29"))
        #expect(deadline(.level2, received: "2025-04-25", calendar: statutory) == date("2025-05-02"))
        // Tuesday 2025-04-29: 30 April – 4 May off with the swap.
        #expect(deadline(.level2, received: "2025-04-29", calendar: decided) == date("2025-05-07"))
        #expect(deadline(.level2, received: "2025-04-29", calendar: statutory) == date("2025-05-06"))
    }

    @Test func acrossTet2025WithTheSwap() {
        #expect(deadline(.level1, received: "2025-01-24", calendar: decided) == date("2025-02-03"))
        #expect(deadline(.level1, received: "2025-01-24", calendar: statutory) == date("2025-01-27"))
    }

    @Test func acrossACompensatoryDay() {
        // Friday 2027-12-31: 1 January 2028 is a Saturday, so Monday 3 January is off.
        #expect(deadline(.level1, received: "2027-12-31") == date("2028-01-04"))
        // 2029: National Day and its adjacent day fall on the weekend; Monday 3 and Tuesday 4 are off.
        #expect(deadline(.level2, biometrics: true, received: "2029-08-31") == date("2029-09-07"))
    }

    @Test func customPolicy() {
        let faster = DeadlinePolicy(level1WorkingDays: 1, level2WithBiometricsOnFileWorkingDays: 2,
                                    level2WithoutBiometricsOnFileWorkingDays: 5)
        #expect(faster.deadline(for: .level2, biometricsOnFile: true, receivedOn: date("2025-07-04"),
                                calendar: statutory) == date("2025-07-08"))
    }
}
