// json(): the exact JSON text written from the driver's buffers: keys,
// nulls, booleans, numbers, exact decimals, ISO timestamps, base64 blobs,
// enums by name, and strings escaped so that any text stays valid JSON
// (checked by parsing the output back with Boost.JSON).
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// Boost.JSON parses the output back (the library links it too).
#include <boost/json.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::everything;

class JsonOutput : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
};

/// Parses `text`; an empty value with the error when it is not JSON.
boost::json::value parse(const std::string& text, std::string& error) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) error = ec.message();
  return v;
}

TEST_P(JsonOutput, WritesAnArrayOfObjectsKeyedByColumnAndForeignKeyPath) {
  std::string out = select(band.id, band.name, nullable(band.manager->name), band.popularity)
                        .order_by(band.id)
                        .json_sync(db);
  EXPECT_EQ(out, R"([{"id":1,"name":"Pythonistas","manager.name":"Guido","popularity":1000},)"
                 R"({"id":2,"name":"Rustaceans","manager.name":"Graydon","popularity":500},)"
                 R"({"id":3,"name":"C-Sharps","manager.name":null,"popularity":10}])");
}

TEST_P(JsonOutput, KeysTwoLevelTraversalsByTheirWholePath) {
  std::string out = select(concert.id, nullable(concert.band_2->manager->name))
                        .order_by(concert.id)
                        .json_sync(db);
  EXPECT_EQ(out,
            R"([{"id":1,"band_2.manager.name":"Graydon"},{"id":2,"band_2.manager.name":null}])");
}

TEST_P(JsonOutput, WritesAnEmptyResultAsAnEmptyArray) {
  EXPECT_EQ(select(band.id, band.name).where(band.id > 99).json_sync(db), "[]");
}

TEST_P(JsonOutput, WritesWholeTablesWithAllTheirColumns) {
  EXPECT_EQ(select(manager).order_by(manager.id).json_sync(db),
            R"([{"id":1,"name":"Guido"},{"id":2,"name":"Graydon"}])");
}

TEST_P(JsonOutput, UsesAliasesAndOtherwiseTheDriversNameForExpressions) {
  EXPECT_EQ(select(count().as("n"), max(band.popularity)).json_sync(db),
            on_postgres() ? R"x([{"n":3,"max":1000}])x"
                          : R"x([{"n":3,"max(\"band\".\"popularity\")":1000}])x")
      << "an unnamed expression is keyed as the driver names it: SQLite by its SQL text, "
         "escaped; PostgreSQL by the function's name";
  EXPECT_EQ(select(band.name.as("say \"hi\"")).where(band.id == 1).json_sync(db),
            R"([{"say \"hi\"":"Pythonistas"}])");
}

TEST_P(JsonOutput, WritesEveryColumnTypeInItsJsonForm) {
  insert(everything).values(qt::sample_everything()).run_sync(db);
  std::string out = select(everything).json_sync(db);
  EXPECT_EQ(out,
            "[{\"id\":1,\"small\":-32768,\"medium\":2147483647,\"big\":-9223372036854775808,"
            "\"real\":0.1,\"price\":-0.50,\"amount\":12345678901234567890.123456789,"
            "\"text\":\"caf\xc3\xa9 \\\"quoted\\\" it's\",\"code\":\"A-1\",\"flag\":true,"
            "\"data\":\"AAEA/wA=\",\"day\":\"2024-02-29\",\"time\":\"23:59:59.999999\","
            "\"at\":\"2024-05-01T12:30:15.123456\",\"at_tz\":\"" +
                std::string(on_postgres() ? "1969-12-31T23:59:59.5+00:00"
                                          : "1969-12-31T23:59:59.500000+00:00") +
                "\","
                "\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\","
                "\"doc\":{\"a\": [1, 2], \"b\": null},\"color\":\"blue\",\"level\":7,"
                "\"maybe_int\":-5,\"maybe_text\":\"\",\"maybe_price\":99999999.99,"
                "\"maybe_at\":\"1999-12-31T23:59:59.000001\",\"maybe_color\":\"green\","
                "\"maybe_flag\":false}]");
  std::string error;
  auto v = parse(out, error);
  ASSERT_EQ(error, "") << out;
  const auto& row = v.as_array().at(0).as_object();
  EXPECT_EQ(row.at("doc").at("a").as_array().size(), 2u) << "a Json column is embedded, not quoted";
  EXPECT_TRUE(row.at("flag").is_bool());
  EXPECT_TRUE(row.at("amount").is_number()) << "a decimal is a JSON number";
}

TEST_P(JsonOutput, WritesNullsOfEveryOptional) {
  qt::Everything e = qt::sample_everything();
  e.maybe_int.reset();
  e.maybe_text.reset();
  e.maybe_price.reset();
  e.maybe_at.reset();
  e.maybe_color.reset();
  e.maybe_flag.reset();
  insert(everything).values(e).run_sync(db);
  EXPECT_EQ(select(everything.maybe_int, everything.maybe_text, everything.maybe_price,
                   everything.maybe_at, everything.maybe_color, everything.maybe_flag)
                .json_sync(db),
            R"([{"maybe_int":null,"maybe_text":null,"maybe_price":null,"maybe_at":null,)"
            R"("maybe_color":null,"maybe_flag":null}])");
}

TEST_P(JsonOutput, WritesDoublesInTheirShortestRoundTripForm) {
  qt::Everything e = qt::sample_everything();
  int n = 0;
  for (double d : {2.5, 3.0, -1e300, 1.0 / 3}) {
    e.real = d;
    e.code = "d" + std::to_string(n++);  // unique, and short enough for varchar(20)
    insert(everything).values(e).run_sync(db);
  }
  EXPECT_EQ(select(everything.real).order_by(everything.id).json_sync(db),
            R"([{"real":2.5},{"real":3},{"real":-1e+300},{"real":0.3333333333333333}])");
}

// PostgreSQL sends a double as text, which json() copies when it is a JSON
// number; NaN and the infinities are none, and JSON has no such values.
TEST_P(JsonOutput, WritesNonFiniteDoublesAsNull) {
  qt::Everything e = qt::sample_everything();
  std::vector<double> values{std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(), 1.5e-300, 0.1};
  // SQLite stores a NaN as NULL, which the NOT NULL column refuses.
  if (on_postgres()) values.push_back(std::numeric_limits<double>::quiet_NaN());
  int n = 0;
  for (double d : values) {
    e.real = d;
    e.code = "n" + std::to_string(n++);
    insert(everything).values(e).run_sync(db);
  }
  const std::string out = select(everything.real).order_by(everything.id).json_sync(db);
  EXPECT_EQ(out, std::string(R"([{"real":null},{"real":null},{"real":1.5e-300},{"real":0.1})") +
                     (on_postgres() ? R"(,{"real":null}])" : "]"));
  std::string error;
  parse(out, error);
  EXPECT_EQ(error, "") << out;
}

TEST_P(JsonOutput, WritesBlobsAsBase64WithPadding) {
  qt::Everything e = qt::sample_everything();
  for (auto b : {qt::bytes({}), qt::bytes({0xff}), qt::bytes({0xff, 0xfe}),
                 qt::bytes({0xff, 0xfe, 0xfd}), qt::bytes({'M', 'a', 'n', 0})}) {
    e.data = b;
    e.code = std::to_string(b.size());
    insert(everything).values(e).run_sync(db);
  }
  EXPECT_EQ(select(everything.data).order_by(everything.id).json_sync(db),
            R"([{"data":""},{"data":"/w=="},{"data":"//4="},{"data":"//79"},{"data":"TWFuAA=="}])");
}

TEST_P(JsonOutput, EscapesQuotesBackslashesAndControlCharacters) {
  using namespace std::string_literals;
  std::string nasty = "q\"b\\s/\n\r\t\b\f\x01\x1f\x7f"s;
  if (on_sqlite()) nasty += "\0end"s;  // PostgreSQL's text holds no NUL (see Hostile)
  insert(band).set(band.name, nasty).set(band.popularity, 1).run_sync(db);
  std::string out = select(band.name).where(band.popularity == 1).json_sync(db);
  EXPECT_EQ(out, "[{\"name\":\"q\\\"b\\\\s/\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\x7f" +
                     std::string(on_sqlite() ? "\\u0000end" : "") + "\"}]");
  std::string error;
  auto v = parse(out, error);
  ASSERT_EQ(error, "") << out;
  EXPECT_EQ(std::string(v.as_array().at(0).at("name").as_string()), nasty)
      << "parsing the JSON gives back the exact text";
}

TEST_P(JsonOutput, PassesUnicodeThroughAsUtf8) {
  std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe4\xb8\xad";
  insert(band).set(band.name, text).set(band.popularity, 1).run_sync(db);
  std::string out = select(band.name).where(band.popularity == 1).json_sync(db);
  EXPECT_EQ(out, "[{\"name\":\"" + text + "\"}]");
  std::string error;
  auto v = parse(out, error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(std::string(v.as_array().at(0).at("name").as_string()), text);
}

TEST_P(JsonOutput, WritesEnumsByNameAndTimestampsWithT) {
  EXPECT_EQ(select(ticket.ticket_type, concert.starts)
                .join(concert, concert.id == ticket.concert)
                .order_by(ticket.id)
                .json_sync(db),
            R"([{"ticket_type":"standing","starts":"2024-05-01T20:00:00"},)"
            R"({"ticket_type":"premium","starts":"2024-05-01T20:00:00"},)"
            R"({"ticket_type":"seated","starts":"2024-06-01T19:30:00"}])");
}

TEST_P(JsonOutput, WritesExactDecimalsAsValidJsonNumbers) {
  qt::Everything e = qt::sample_everything();
  const char* decimals[] = {"0", "-0.5", "123.450", "-.5", "007", "+3"};
  for (const char* d : decimals) {
    e.amount = Decimal(d);
    e.code = d;
    insert(everything).values(e).run_sync(db);
  }
  std::string out = select(everything.amount).order_by(everything.id).json_sync(db);
  std::string error;
  (void)parse(out, error);
  EXPECT_EQ(error, "") << out;
  EXPECT_EQ(out, R"([{"amount":0},{"amount":-0.5},{"amount":123.450},{"amount":-0.5},)"
                 R"({"amount":7},{"amount":3}])");
}

TEST_P(JsonOutput, WritesInvalidUtf8AsValidJson) {
  QT_ONLY_ON(sqlite, "stores invalid UTF-8, which a PostgreSQL UTF8 database refuses");
  std::string bad = "ok \xff\xfe \xc3 end";
  insert(band).set(band.name, bad).set(band.popularity, 1).run_sync(db);
  std::string out = select(band.name).where(band.popularity == 1).json_sync(db);
  std::string error;
  (void)parse(out, error);
  EXPECT_EQ(error, "") << out;
  EXPECT_EQ(out, "[{\"name\":\"ok \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD end\"}]")
      << "each invalid byte becomes U+FFFD";
}

TEST_P(JsonOutput, KeepsValidUtf8AndRejectsOverlongsAndSurrogates) {
  struct Case {
    std::string stored, written;
  };
  const std::string fffd = "\xEF\xBF\xBD";
  const Case cases[] = {
      {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\xB8", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\xB8"},
      {"\xC0\xAF", fffd + fffd},                        // overlong '/'
      {"\xED\xA0\x80", fffd + fffd + fffd},             // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"end \xE2\x82", "end " + fffd + fffd},           // cut short
  };
  std::int64_t popularity = 100;
  for (const Case& c : cases) {
    // A PostgreSQL UTF8 database refuses the invalid ones (Hostile tests that).
    if (on_postgres() && c.stored != c.written) continue;
    insert(band).set(band.name, c.stored).set(band.popularity, popularity).run_sync(db);
    std::string out = select(band.name).where(band.popularity == popularity).json_sync(db);
    EXPECT_EQ(out, "[{\"name\":\"" + c.written + "\"}]");
    ++popularity;
  }
}

TEST_P(JsonOutput, EscapesEveryControlCharacterWhereverItFalls) {
  // Long enough that special bytes land at every offset of the 8-byte scan.
  std::string stored, expected;
  for (int c = on_postgres() ? 1 : 0; c < 0x20; ++c) {  // PostgreSQL's text holds no NUL
    stored += "abcdefg";
    expected += "abcdefg";
    stored += static_cast<char>(c);
    char esc[8];
    std::snprintf(esc, sizeof esc, "\\u%04x", c);
    expected += c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : esc;
  }
  stored += "\"q\" back\\slash";
  expected += "\\\"q\\\" back\\\\slash";
  qt::Everything e = qt::sample_everything();
  e.text = stored;  // a TEXT column: longer than any varchar(n) would take
  insert(everything).values(e).run_sync(db);
  std::string out = select(everything.text).json_sync(db);
  EXPECT_EQ(out, "[{\"text\":\"" + expected + "\"}]");
  std::string error;
  boost::json::value v = parse(out, error);
  ASSERT_EQ(error, "");
  EXPECT_EQ(v.at(0).at("text").as_string(), stored);
}

TEST_P(JsonOutput, EscapesASpecialByteAtEveryPositionOfShortText) {
  // Text of 0 to 17 bytes, plain or with one byte that needs escaping (or a
  // two-byte UTF-8 letter) at each position: json() checks whole text for
  // such bytes a word at a time, the last word overlapping the one before,
  // text under eight bytes from a padded copy, so every length and offset
  // must still find the byte.
  struct Special {
    std::string stored, written;
  };
  const Special specials[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\x01", "\\u0001"}, {"\xC3\xA9", "\xC3\xA9"}};
  std::string expected = "[";
  std::int64_t popularity = 10000;  // after the seeded bands' rows
  const auto add = [&](const std::string& stored, const std::string& written) {
    insert(band).set(band.name, stored).set(band.popularity, popularity++).run_sync(db);
    expected += std::string(expected.size() > 1 ? "," : "") + "{\"name\":\"" + written + "\"}";
  };
  for (std::size_t length = 0; length <= 17; ++length) {
    add(std::string(length, 'x'), std::string(length, 'x'));
    for (std::size_t at = 0; at < length; ++at) {
      for (const Special& sp : specials) {
        const std::string before(at, 'a'), after(length - at - 1, 'z');
        add(before + sp.stored + after, before + sp.written + after);
      }
    }
  }
  expected += "]";
  const std::string out =
      select(band.name).where(band.popularity >= 10000).order_by(band.popularity).json_sync(db);
  EXPECT_EQ(out, expected);
  std::string error;
  (void)parse(out, error);
  EXPECT_EQ(error, "");
}

TEST_P(JsonOutput, WritesAJsonColumnThatDoesNotParseAsAString) {
  QT_ONLY_ON(sqlite, "PostgreSQL's jsonb refuses a document that does not parse");
  qt::Everything e = qt::sample_everything();
  insert(everything).values(e).run_sync(db);
  db.execute_sync("UPDATE everything SET doc = '{\"a\": 1'");  // another program wrote it
  std::string out = select(everything.doc).json_sync(db);
  EXPECT_EQ(out, R"([{"doc":"{\"a\": 1"}])");
}

TEST_P(JsonOutput, RefusesToStoreAJsonValueThatIsNotADocument) {
  qt::Everything e = qt::sample_everything();
  e.doc = Json{R"({"a": [1, 2})"};
  try {
    insert(everything).values(e).run_sync(db);
    FAIL() << "expected UsageError";
  } catch (const UsageError& err) {
    EXPECT_NE(std::string(err.what()).find("not a JSON document: error at byte 11"),
              std::string::npos)
        << err.what();
  }
  EXPECT_EQ(select(everything.id).count_sync(db), 0) << "nothing was written";
}

QT_INSTANTIATE_FOR_BACKENDS(JsonOutput);

}  // namespace
