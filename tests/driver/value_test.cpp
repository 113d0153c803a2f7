// Tests of value.hpp: Decimal and Uuid validation, Value::to_display, the
// ISO 8601 text forms of dates and times, and base64.
#include <quarry/error.hpp>
#include <quarry/value.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace std::chrono;
using namespace std::string_literals;
using quarry::Date;
using quarry::Decimal;
using quarry::TimeOfDay;
using quarry::Timestamp;
using quarry::TimestampTz;
using quarry::Uuid;
using quarry::Value;
namespace qd = quarry::detail;

namespace {

Timestamp make_timestamp(Date d, microseconds tod) {
  return local_days{d} + tod;
}
TimestampTz make_timestamptz(Date d, microseconds tod) {
  return sys_days{d} + tod;
}

std::string base64(std::string_view s) {
  std::string out;
  qd::append_base64(out, reinterpret_cast<const std::byte*>(s.data()), s.size());
  return out;
}

std::string usage_error_of(auto&& f) {
  try {
    f();
  } catch (const quarry::UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

}  // namespace

// ----------------------------------------------------------------- Decimal

TEST(Decimal, KeepsTheTextItWasGiven) {
  EXPECT_EQ(Decimal("-12.340").str(), "-12.340") << "trailing zeros are significant";
  EXPECT_EQ(Decimal("0").str(), "0");
  EXPECT_EQ(Decimal("123456789012345678901234567890.5").str(), "123456789012345678901234567890.5")
      << "digits beyond a double's precision are kept";
}

TEST(Decimal, CanonicalisesToAValidJsonNumber) {
  EXPECT_EQ(Decimal(".5").str(), "0.5");
  EXPECT_EQ(Decimal("-.5").str(), "-0.5");
  EXPECT_EQ(Decimal("007").str(), "7");
  EXPECT_EQ(Decimal("-007.50").str(), "-7.50");
  EXPECT_EQ(Decimal("000").str(), "0");
  EXPECT_EQ(Decimal("-0.00").str(), "0.00") << "no negative zero";
  EXPECT_EQ(Decimal("-0").str(), "0");
}

TEST(Decimal, ExpandsAnExponent) {
  EXPECT_EQ(Decimal("1e5").str(), "100000");
  EXPECT_EQ(Decimal("1.5E3").str(), "1500");
  EXPECT_EQ(Decimal("1.50e1").str(), "15.0") << "the scale left after the shift is kept";
  EXPECT_EQ(Decimal("25e-3").str(), "0.025");
  EXPECT_EQ(Decimal("-2.5e-1").str(), "-0.25");
  EXPECT_EQ(Decimal("9.000000000000001e+19").str(), "90000000000000010000");
  EXPECT_EQ(Decimal("0e10").str(), "0");
  EXPECT_EQ(Decimal("1e+0").str(), "1");
}

TEST(Decimal, DropsALeadingPlusSign) {
  EXPECT_EQ(Decimal("+7.25").str(), "7.25");
}

TEST(Decimal, DefaultsToZero) {
  EXPECT_EQ(Decimal().str(), "0");
}

TEST(Decimal, RejectsTextThatIsNotADecimalNumber) {
  for (const char* bad : {"", "12a", "1.", ".", "+", "-", "1.2.3", "1e", "1e+", "e5", ".e5",
                          "1e5.5", "1e999999", " 1", "1 ", "0x10", "--1", "NaN", "Infinity"}) {
    EXPECT_THROW(Decimal{bad}, quarry::UsageError) << "input: '" << bad << "'";
  }
}

TEST(Decimal, ErrorQuotesTheBadValue) {
  EXPECT_NE(usage_error_of([] { Decimal("12a"); }).find("not a decimal number: '12a'"),
            std::string::npos);
}

// -------------------------------------------------------------------- Uuid

TEST(Uuid, ParsesAndPrintsLowerCase) {
  const Uuid u = Uuid::parse("123E4567-E89B-12D3-A456-426614174000");
  EXPECT_EQ(u.bytes[0], 0x12);
  EXPECT_EQ(u.bytes[15], 0x00);
  EXPECT_EQ(u.bytes[6], 0x12);
  EXPECT_EQ(u.str(), "123e4567-e89b-12d3-a456-426614174000");
}

TEST(Uuid, RoundTripsEveryByte) {
  const std::string text = "00112233-4455-6677-8899-aabbccddeeff";
  EXPECT_EQ(Uuid::parse(text).str(), text);
  EXPECT_EQ(Uuid::parse(text), Uuid::parse("00112233-4455-6677-8899-AABBCCDDEEFF"))
      << "parsing is case-insensitive";
}

TEST(Uuid, RejectsMalformedText) {
  for (const char* bad : {"", "123e4567e89b12d3a456426614174000",   // no hyphens
                          "123e4567-e89b-12d3-a456-42661417400",    // short
                          "123e4567-e89b-12d3-a456-4266141740000",  // long
                          "123e4567-e89b-12d3-a456_426614174000",   // wrong separator
                          "g23e4567-e89b-12d3-a456-426614174000",   // not hex
                          "123e4567-e89b-12d3-a4-56426614174000"}) {
    EXPECT_THROW(Uuid::parse(bad), quarry::UsageError) << "input: '" << bad << "'";
  }
}

TEST(Uuid, ErrorQuotesTheBadValue) {
  EXPECT_NE(usage_error_of([] { Uuid::parse("nope"); }).find("not a UUID: 'nope'"),
            std::string::npos);
}

// ------------------------------------------------------- Value::to_display

TEST(ValueDisplay, ShowsNullAndNumbersAsSqlLiterals) {
  EXPECT_EQ(Value().to_display(), "NULL");
  EXPECT_EQ(Value(nullptr).to_display(), "NULL");
  EXPECT_EQ(Value(std::int64_t{-42}).to_display(), "-42");
  EXPECT_EQ(Value(2.5).to_display(), "2.5");
  EXPECT_EQ(Value(0.1).to_display(), "0.1") << "shortest text that reads back the same";
  EXPECT_EQ(Value(1.0).to_display(), "1.0") << "a real must not look like an integer";
  EXPECT_EQ(Value(1e300).to_display(), "1e+300");
}

TEST(ValueDisplay, QuotesTextDoublingSingleQuotes) {
  EXPECT_EQ(Value("it's"s).to_display(), "'it''s'");
  EXPECT_EQ(Value(""s).to_display(), "''");
}

TEST(ValueDisplay, ShowsBlobsAsHexLiterals) {
  const quarry::Blob b{std::byte{0x00}, std::byte{0xff}, std::byte{0x1a}};
  EXPECT_EQ(Value(b).to_display(), "x'00ff1a'");
  EXPECT_EQ(Value(quarry::Blob{}).to_display(), "x''");
}

TEST(ValueDisplay, TruncatesLongTextAt200Characters) {
  const std::string shown = Value(std::string(1000, 'a')).to_display();
  EXPECT_EQ(shown, "'" + std::string(200, 'a') + "'...");
}

TEST(ValueDisplay, DoesNotCutAUtf8CharacterInHalf) {
  // 199 ASCII bytes, then a 2-byte character straddling the 200-byte limit.
  const std::string text = std::string(199, 'a') + "\xc3\xa9" + std::string(10, 'b');
  EXPECT_EQ(Value(text).to_display(), "'" + std::string(199, 'a') + "'...");
}

// ----------------------------------------------------------- dates and times

TEST(Date, FormatsAsIso8601) {
  EXPECT_EQ(qd::format_date(2024y / May / 1), "2024-05-01");
  EXPECT_EQ(qd::format_date(Date{year{33}, January, day{9}}), "0033-01-09");
}

TEST(Date, RoundTripsThroughText) {
  for (const Date d : {Date{2024y / February / 29}, Date{1970y / January / 1},
                       Date{year{1}, January, day{1}}, Date{9999y / December / 31}}) {
    Date back;
    ASSERT_TRUE(qd::parse_date(qd::format_date(d), back)) << qd::format_date(d);
    EXPECT_EQ(back, d);
  }
}

TEST(Date, RejectsMalformedOrImpossibleDates) {
  for (const char* bad :
       {"", "garbage", "2024-13-01", "2024-00-10", "2023-02-29", "2023-02-30", "2024-04-31",
        "2024-05-1", "24-05-01", "2024/05/01", "2024-05-01 ", "2024-05-01x", "2024-05-32"}) {
    Date d;
    EXPECT_FALSE(qd::parse_date(bad, d)) << "input: '" << bad << "'";
  }
}

TEST(Time, FormatsSecondsAndOnlyANonzeroFraction) {
  EXPECT_EQ(qd::format_time(TimeOfDay{hours{12} + minutes{30}}), "12:30:00");
  EXPECT_EQ(
      qd::format_time(TimeOfDay{hours{23} + minutes{59} + seconds{59} + microseconds{250000}}),
      "23:59:59.250000");
  EXPECT_EQ(qd::format_time(TimeOfDay{microseconds{1}}), "00:00:00.000001");
}

TEST(Time, ParsesZeroToSixFractionDigits) {
  TimeOfDay t;
  ASSERT_TRUE(qd::parse_time("12:30:00", t));
  EXPECT_EQ(t.since_midnight, hours{12} + minutes{30});
  ASSERT_TRUE(qd::parse_time("12:30:00.5", t));
  EXPECT_EQ(t.since_midnight, hours{12} + minutes{30} + milliseconds{500});
  ASSERT_TRUE(qd::parse_time("00:00:00.000001", t));
  EXPECT_EQ(t.since_midnight, microseconds{1});
  ASSERT_TRUE(qd::parse_time("08:15", t)) << "SQLite's HH:MM form";
  EXPECT_EQ(t.since_midnight, hours{8} + minutes{15});
  ASSERT_TRUE(qd::parse_time("24:00:00", t)) << "PostgreSQL's end of day";
  EXPECT_EQ(t.since_midnight, hours{24});
}

TEST(Time, RoundTripsThroughText) {
  for (const auto us : {microseconds{0}, microseconds{1}, hours{13} + microseconds{123456},
                        hours{23} + minutes{59} + seconds{59} + microseconds{999999}}) {
    TimeOfDay back;
    ASSERT_TRUE(qd::parse_time(qd::format_time(TimeOfDay{us}), back));
    EXPECT_EQ(back.since_midnight, us);
  }
}

TEST(Time, RejectsMalformedOrOutOfRangeTimes) {
  for (const char* bad : {"", "noon", "25:00:00", "24:00:01", "12:60:00", "12:00:60", "12:00:00.",
                          "12:00:00.1234567", "1:00:00", "12:00:0", "12-00-00", "12:00:00Z"}) {
    TimeOfDay t;
    EXPECT_FALSE(qd::parse_time(bad, t)) << "input: '" << bad << "'";
  }
}

TEST(Timestamp, FormatsWithASpaceAndOnlyANonzeroFraction) {
  EXPECT_EQ(qd::format_timestamp(make_timestamp(2024y / May / 1, hours{12} + minutes{30})),
            "2024-05-01 12:30:00");
  EXPECT_EQ(qd::format_timestamp(
                make_timestamp(2024y / May / 1, hours{12} + minutes{30} + milliseconds{250})),
            "2024-05-01 12:30:00.250000");
}

TEST(Timestamp, FormatsInstantsBefore1970) {
  EXPECT_EQ(
      qd::format_timestamp(make_timestamp(1969y / December / 31, hours{23} + microseconds{5})),
      "1969-12-31 23:00:00.000005");
}

TEST(Timestamp, RoundTripsThroughText) {
  for (const Timestamp t :
       {make_timestamp(2024y / February / 29, hours{23} + minutes{59} + microseconds{999999}),
        make_timestamp(1900y / January / 1, microseconds{0}),
        make_timestamp(1969y / July / 20, hours{20} + minutes{17} + seconds{40})}) {
    Timestamp back;
    ASSERT_TRUE(qd::parse_timestamp(qd::format_timestamp(t), back)) << qd::format_timestamp(t);
    EXPECT_EQ(back, t);
  }
}

TEST(Timestamp, AcceptsTheIsoTSeparatorAndABareDate) {
  Timestamp t;
  ASSERT_TRUE(qd::parse_timestamp("2024-05-01T12:30:00.25", t));
  EXPECT_EQ(t, make_timestamp(2024y / May / 1, hours{12} + minutes{30} + milliseconds{250}));
  ASSERT_TRUE(qd::parse_timestamp("2024-05-01", t));
  EXPECT_EQ(t, make_timestamp(2024y / May / 1, microseconds{0}));
}

TEST(Timestamp, RejectsMalformedOrImpossibleTimestamps) {
  for (const char* bad :
       {"", "yesterday", "2024-13-01 00:00:00", "2023-02-30 10:00:00", "2024-05-01 24:00:00",
        "2024-05-01  12:00:00", "2024-05-01 12:00:00+02", "2024-05-01X12:00:00", "2024-05-01 12"}) {
    Timestamp t;
    EXPECT_FALSE(qd::parse_timestamp(bad, t)) << "input: '" << bad << "'";
  }
}

TEST(TimestampTz, AlwaysFormatsInUtc) {
  EXPECT_EQ(
      qd::format_timestamptz(make_timestamptz(2024y / May / 1, hours{12} + milliseconds{250})),
      "2024-05-01 12:00:00.250000+00:00");
  EXPECT_EQ(qd::format_timestamptz(make_timestamptz(2024y / May / 1, hours{12})),
            "2024-05-01 12:00:00+00:00");
}

TEST(TimestampTz, ConvertsEveryOffsetFormToUtc) {
  const TimestampTz noon_utc = make_timestamptz(2024y / May / 1, hours{12});
  const std::pair<const char*, TimestampTz> cases[] = {
      {"2024-05-01 12:00:00+00:00", noon_utc},
      {"2024-05-01 12:00:00Z", noon_utc},
      {"2024-05-01T12:00:00z", noon_utc},
      {"2024-05-01 12:00:00", noon_utc},  // no offset: UTC
      {"2024-05-01 14:00:00+02:00", noon_utc},
      {"2024-05-01 14:00:00+02", noon_utc},
      {"2024-05-01 17:30:00+0530", noon_utc},
      {"2024-05-01 07:00:00-05:00", noon_utc},
      {"2024-05-01 00:00:00-12:00", noon_utc},
      {"2024-05-02 01:00:00+13:00", noon_utc},     // crosses the date line
      {"2024-05-01 12:19:32+00:19:32", noon_utc},  // PostgreSQL's LMT offsets have seconds
  };
  for (const auto& [text, expected] : cases) {
    TimestampTz t;
    ASSERT_TRUE(qd::parse_timestamptz(text, t)) << text;
    EXPECT_EQ(t, expected) << text << " read as " << qd::format_timestamptz(t);
  }
}

TEST(TimestampTz, RoundTripsThroughText) {
  const TimestampTz t = make_timestamptz(2000y / January / 1, microseconds{123456});
  TimestampTz back;
  ASSERT_TRUE(qd::parse_timestamptz(qd::format_timestamptz(t), back));
  EXPECT_EQ(back, t);
}

TEST(TimestampTz, RejectsMalformedOffsets) {
  for (const char* bad :
       {"", "2024-05-01 12:00:00+", "2024-05-01 12:00:00+2", "2024-05-01 12:00:00+24:00",
        "2024-05-01 12:00:00+02:60", "2024-05-01 12:00:00 +02:00", "2024-05-01 12:00:00Z+01",
        "2024-05-01 12:00:00UTC", "2024-05-01+02:00", "2024-02-30 12:00:00Z"}) {
    TimestampTz t;
    EXPECT_FALSE(qd::parse_timestamptz(bad, t)) << "input: '" << bad << "'";
  }
}

TEST(Date, ParseLeavesTheOutputUntouchedOnFailure) {
  Date d = 2000y / January / 1;
  EXPECT_FALSE(qd::parse_date("2023-02-30", d));
  EXPECT_EQ(d, 2000y / January / 1);
}

// ------------------------------------------------------------------- base64

TEST(Base64, MatchesTheRfc4648TestVectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(Base64, UsesTheStandardAlphabetForHighBytes) {
  EXPECT_EQ(base64("\xfb\xff\xbf"), "+/+/");
  EXPECT_EQ(base64("\0\0\0"s), "AAAA");
}

TEST(Base64, AppendsToWhatIsAlreadyThere) {
  std::string out = "data:";
  const std::byte b[] = {std::byte{'h'}, std::byte{'i'}};
  qd::append_base64(out, b, 2);
  EXPECT_EQ(out, "data:aGk=");
}
