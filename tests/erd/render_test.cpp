// Rendering through graphviz (quarry::erd): the SVG is well-formed XML that
// shows every table, hostile names go through Graphviz's own parser intact,
// PNG is a PNG, and Graphviz's errors come back as RenderError.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <quarry/erd/render.hpp>

#include "erd/erd_test_schemas.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
namespace pt = boost::property_tree;

/// Parses the SVG as XML (failing the test when it is not well-formed) and
/// returns the text of its <text> elements and of its <title> elements.
struct SvgText {
  std::vector<std::string> texts;
  std::vector<std::string> titles;
};
SvgText parse_svg(const std::string& svg) {
  SvgText out;
  pt::ptree tree;
  std::istringstream in(svg);
  try {
    pt::read_xml(in, tree);
  } catch (const pt::xml_parser_error& e) {
    ADD_FAILURE() << "not well-formed XML: " << e.what();
    return out;
  }
  EXPECT_EQ(tree.count("svg"), 1u) << "the root element is <svg>";
  std::function<void(const pt::ptree&)> walk = [&](const pt::ptree& node) {
    for (const auto& [name, child] : node) {
      if (name == "text") out.texts.push_back(child.get_value<std::string>());
      if (name == "title") out.titles.push_back(child.get_value<std::string>());
      walk(child);
    }
  };
  walk(tree);
  return out;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  for (const auto& v : values) {
    if (v == value) return true;
  }
  return false;
}

TEST(ErdRender, PlaygroundSvgIsValidAndShowsEveryTableAndColumn) {
  Schema schema = playground::schema();
  std::string svg = render_erd(schema, ImageFormat::svg);
  ASSERT_EQ(svg.rfind("<?xml", 0), 0u) << svg.substr(0, 200);
  SvgText text = parse_svg(svg);
  for (const auto& table : schema.tables) {
    EXPECT_TRUE(contains(text.texts, table.name)) << "table " << table.name << " is not shown";
    EXPECT_TRUE(contains(text.titles, table.name)) << "node " << table.name;
    for (const auto& c : table.columns) {
      EXPECT_TRUE(contains(text.texts, c.name)) << table.name << "." << c.name << " is not shown";
    }
  }
  EXPECT_TRUE(contains(text.texts, "varchar(50)"));
  EXPECT_TRUE(contains(text.texts, "FK, NULL"));
  // One edge per foreign key: Graphviz titles an edge "tail:port&#45;&gt;head:port".
  int edges = 0;
  for (const auto& title : text.titles) edges += title.find("->") != std::string::npos;
  EXPECT_EQ(edges, 5);
}

TEST(ErdRender, HostileNamesSurviveGraphvizsParser) {
  Schema schema = qt::erd::hostile_schema();
  std::string svg = render_erd(schema, ImageFormat::svg);
  SvgText text = parse_svg(svg);
  // Each label reads back as the name (U+FFFD for what XML cannot carry).
  EXPECT_TRUE(contains(text.texts, "quote\"back\\slash<tag>&amp;'"));
  EXPECT_TRUE(contains(text.texts, "new\xEF\xBF\xBDline"));
  EXPECT_TRUE(contains(text.texts, "my column"));
  EXPECT_TRUE(contains(text.texts, "bad\xEF\xBF\xBDutf8"));
  EXPECT_TRUE(contains(text.texts, "a b"));
  EXPECT_TRUE(contains(text.texts, "a_b"));
  EXPECT_TRUE(contains(text.texts, "1st"));
  EXPECT_TRUE(contains(text.texts, "a comment with <b>markup</b> & \"quotes\""));
  // Four distinct nodes and both edges: no ID ran into another.
  int nodes = 0;
  int edges = 0;
  for (const auto& title : text.titles) {
    if (title.find("->") != std::string::npos) {
      ++edges;
    } else if (title != "erd") {
      ++nodes;
    }
  }
  EXPECT_EQ(nodes, 4);
  EXPECT_EQ(edges, 2);
}

TEST(ErdRender, PngIsAPng) {
  std::string png = render_erd(playground::schema(), ImageFormat::png);
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(ErdRender, OptionsReachTheRendering) {
  ErdOptions options;
  options.only_tables = {"band", "manager"};
  options.title = "Bands & managers";
  SvgText text = parse_svg(render_erd(playground::schema(), ImageFormat::svg, options));
  EXPECT_TRUE(contains(text.texts, "Bands & managers"));
  EXPECT_TRUE(contains(text.texts, "band"));
  EXPECT_FALSE(contains(text.texts, "concert"));
}

TEST(ErdRender, GraphvizErrorsAreRenderErrors) {
  try {
    render_dot("digraph { a -> ; }", ImageFormat::svg);
    FAIL() << "rendered a syntax error";
  } catch (const RenderError& e) {
    EXPECT_NE(std::string(e.what()).find("graphviz could not read the DOT: "), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
  try {
    render_dot("digraph { a [label=<<table><tr><td>x</td></table>>]; }", ImageFormat::svg);
    FAIL() << "rendered a broken HTML label";
  } catch (const RenderError& e) {
    EXPECT_NE(std::string(e.what()).find("graphviz could not lay out the graph"), std::string::npos)
        << e.what();
  }
  // A failure leaves no state behind: the next call works.
  EXPECT_NE(render_dot("digraph { a -> b; }", ImageFormat::svg).find("<svg"), std::string::npos);
}

}  // namespace
