// Tests of parse_database_url: every SQLite form, PostgreSQL pass-through,
// and the messages of URLs it refuses.
#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>

#include <gtest/gtest.h>

#include <string>

using quarry::parse_database_url;

namespace {

std::string url_error_of(std::string_view url) {
  try {
    parse_database_url(url);
  } catch (const quarry::UrlError& e) {
    return e.what();
  }
  return "(no UrlError)";
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

}  // namespace

TEST(Url, ReadsEveryInMemorySpelling) {
  for (const char* url : {"sqlite://", "sqlite://:memory:", "sqlite:///:memory:"}) {
    const auto u = parse_database_url(url);
    EXPECT_EQ(u.scheme, "sqlite") << url;
    EXPECT_EQ(u.path, ":memory:") << url;
    EXPECT_TRUE(u.in_memory()) << url;
    EXPECT_EQ(u.original, url);
  }
}

TEST(Url, ReadsThreeSlashesAsARelativePath) {
  const auto u = parse_database_url("sqlite:///data/music.db");
  EXPECT_EQ(u.path, "data/music.db");
  EXPECT_FALSE(u.in_memory());
}

TEST(Url, ReadsFourSlashesAsAnAbsolutePath) {
  EXPECT_EQ(parse_database_url("sqlite:////var/lib/music.db").path, "/var/lib/music.db");
}

TEST(Url, PercentDecodesThePath) {
  EXPECT_EQ(parse_database_url("sqlite:////tmp/my%20music%3F.db").path, "/tmp/my music?.db");
}

TEST(Url, AcceptsTheSchemeInAnyCase) {
  EXPECT_EQ(parse_database_url("SQLite:///a.db").scheme, "sqlite");
}

TEST(Url, ReadsTheKnownQueryParameters) {
  const auto u =
      parse_database_url("sqlite:///a.db?mode=ro&busy_timeout=250&foreign_keys=off&pool_size=8");
  EXPECT_EQ(u.path, "a.db") << "the query is not part of the path";
  EXPECT_EQ(u.query.at("mode"), "ro");
  EXPECT_EQ(u.query.at("busy_timeout"), "250");
  EXPECT_EQ(u.query.at("foreign_keys"), "off");
  EXPECT_EQ(u.query.at("pool_size"), "8");
  EXPECT_EQ(u.query.size(), 4u);
}

TEST(Url, AcceptsQueryParametersOnAnInMemoryDatabase) {
  const auto u = parse_database_url("sqlite://:memory:?foreign_keys=off");
  EXPECT_TRUE(u.in_memory());
  EXPECT_EQ(u.query.at("foreign_keys"), "off");
}

TEST(Url, KeepsPostgresqlUrlsWhole) {
  for (const char* url : {"postgresql://user:pw@localhost:5432/music?sslmode=disable",
                          "postgres://localhost/music"}) {
    const auto u = parse_database_url(url);
    EXPECT_EQ(u.scheme, "postgresql") << url;
    EXPECT_EQ(u.original, url);
    EXPECT_TRUE(u.path.empty());
  }
}

TEST(Url, RejectsAnEmptyUrl) {
  EXPECT_CONTAINS(url_error_of(""), "empty database URL");
  EXPECT_CONTAINS(url_error_of(""), "expected sqlite:///");
}

TEST(Url, RejectsAPathWithoutAScheme) {
  EXPECT_CONTAINS(url_error_of("music.db"), "database URL \"music.db\" has no scheme");
  EXPECT_CONTAINS(url_error_of("://x"), "has no scheme");
}

TEST(Url, RejectsASchemeWithoutDoubleSlash) {
  const std::string e = url_error_of("sqlite:/x.db");
  EXPECT_CONTAINS(e, "malformed database URL \"sqlite:/x.db\"");
  EXPECT_CONTAINS(e, "must be followed by \"//\"");
}

TEST(Url, RejectsAnUnknownSchemeNamingIt) {
  EXPECT_EQ(url_error_of("mysql://x"),
            "unsupported database URL scheme \"mysql\" in \"mysql://x\": expected sqlite:// or "
            "postgresql://");
}

TEST(Url, HidesThePasswordInMessages) {
  const std::string e = url_error_of("mysql://root:hunter2@db/x");
  EXPECT_EQ(e.find("hunter2"), std::string::npos) << e;
  EXPECT_CONTAINS(e, "mysql://root:***@db/x");
}

TEST(Url, RejectsAnUnknownQueryParameterListingTheKnownOnes) {
  const std::string e = url_error_of("sqlite:///a.db?cache=shared");
  EXPECT_CONTAINS(e, "unknown query parameter \"cache\"");
  EXPECT_CONTAINS(e, "\"sqlite:///a.db?cache=shared\"");
  EXPECT_CONTAINS(e, "busy_timeout, foreign_keys, mode, pool_size");
}

TEST(Url, RejectsBadQueryValuesSayingWhatIsExpected) {
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?mode=rx"), "expected mode=ro, mode=rw or mode=rwc");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?busy_timeout=-1"), "bad busy_timeout \"-1\"");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?busy_timeout=99999999999"), "bad busy_timeout");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?foreign_keys=yes"),
                  "expected foreign_keys=on or foreign_keys=off");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?pool_size=0"), "bad pool_size \"0\"");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?mode"), "query parameter \"mode\" without a value");
  EXPECT_CONTAINS(url_error_of("sqlite:///a.db?mode=ro&mode=rw"), "given twice");
}

TEST(Url, RejectsAHostInASqliteUrl) {
  const std::string e = url_error_of("sqlite://music.db");
  EXPECT_CONTAINS(e, "unexpected host \"music.db\"");
  EXPECT_CONTAINS(e, "sqlite:///relative/path.db");
}

TEST(Url, RejectsAnEmptyFilePath) {
  EXPECT_CONTAINS(url_error_of("sqlite:///"), "empty file path");
}

TEST(Url, RejectsBadPercentEscapes) {
  EXPECT_CONTAINS(url_error_of("sqlite:///a%zz.db"), "bad percent-escape \"%zz\"");
  EXPECT_CONTAINS(url_error_of("sqlite:///a%2"), "bad percent-escape");
  EXPECT_CONTAINS(url_error_of("sqlite:///a%00.db"), "NUL byte");
}

TEST(Url, ErrorsAreUsageErrors) {
  EXPECT_THROW(parse_database_url("nope"), quarry::UsageError);
}
