#include "gateway/server/mapping_convert.h"

#include "gtest/gtest.h"
#include "gateway/mapping/mapping_loader.h"
#include "tests/mapping/test_data.h"

namespace crosswalk::server {
namespace {

TEST(MappingConvertTest, MapResultCarriesPathAndProvenance) {
  auto data = mapping::LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok()) << data.status();
  mapping::MappingEngine engine(std::move(*data));
  auto results = engine.Map({"std-b:2011", "std-a:2005", {"6.5"}, false});
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->results.size(), 2u);

  const v1::MappingResult inverted = ToProto(results->results[0]);
  EXPECT_EQ(inverted.from_ref(), "6.5");
  EXPECT_EQ(inverted.to_ref(), "A.10.3.1");
  EXPECT_EQ(inverted.relationship(), v1::RELATIONSHIP_SUPERSET_OF);
  ASSERT_TRUE(inverted.has_strength());
  EXPECT_EQ(inverted.strength(), 7);
  EXPECT_TRUE(inverted.inverted());
  ASSERT_EQ(inverted.path_size(), 2);
  EXPECT_EQ(inverted.path(0).catalog(), "std-b:2011");
  EXPECT_EQ(inverted.path(1).ref(), "A.10.3.1");
  EXPECT_EQ(inverted.provenance().source(), "JIP-ITSMS112-2.1 Table 5-1");
  EXPECT_EQ(inverted.provenance().source_line(), 14);
  EXPECT_EQ(inverted.provenance().basis(), "seed");
  EXPECT_EQ(inverted.provenance().rationale(), "semantic");
  EXPECT_EQ(inverted.provenance().data_file(), "crosswalks/fixture.csv");
  EXPECT_EQ(inverted.provenance().data_line(), 4);

  const v1::MappingResult none = ToProto(results->results[1]);
  EXPECT_EQ(none.relationship(), v1::RELATIONSHIP_NO_RELATIONSHIP);
  EXPECT_FALSE(none.has_strength());
  EXPECT_EQ(none.path(1).ref(), "");

  // The message survives the wire format.
  v1::MappingResult parsed;
  ASSERT_TRUE(parsed.ParseFromString(inverted.SerializeAsString()));
  EXPECT_EQ(parsed.provenance().data_line(), 4);
}

TEST(MappingConvertTest, CatalogAndTerm) {
  auto data = mapping::LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok());
  const v1::CatalogSummary summary = ToProto(data->catalogs[1]);
  EXPECT_EQ(summary.id(), "std-b:2011");
  EXPECT_EQ(summary.aliases_size(), 2);
  EXPECT_EQ(summary.items(), 7);
  const v1::CatalogItem item = ToProto(data->catalogs[1].items[1]);
  EXPECT_EQ(item.ref(), "6.1");
  EXPECT_EQ(item.aliases(0), "slm");
  EXPECT_EQ(item.title_ja(), "サービスレベル管理");
  const v1::Term term = ToProto(data->terms[0]);
  EXPECT_TRUE(term.differs());
  EXPECT_EQ(term.itil_ja(), "既知のエラー");
  EXPECT_EQ(term.provenance().source_line(), 100);
}

}  // namespace
}  // namespace crosswalk::server
