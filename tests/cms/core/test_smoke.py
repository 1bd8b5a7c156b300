from tests.factories import make_item


def test_item_gets_page_in_tree(tree):
    township, catalog, l1, l2, l3 = tree
    item = make_item(l3, document_number="明政发[2026]3号")
    assert item.live
    assert item.document_number == "明政发〔2026〕3号"
    assert l3.level == 3 and l1.level == 1
