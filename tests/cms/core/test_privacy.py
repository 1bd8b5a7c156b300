"""The privacy scanner and masking: ID check digits, Luhn bank cards, mobiles."""

from cms.core import privacy

VALID_ID = "11010519491231002X"


def _luhn_card() -> str:
    base = "622202123456789012"
    for digit in "0123456789":
        if privacy.luhn_ok(base + digit):
            return base + digit
    raise AssertionError


def test_id_number_with_valid_check_digit_is_found_and_masked():
    matches = privacy.find_numbers(f"户主身份证{VALID_ID}。")
    assert [m.kind for m in matches] == [privacy.ID_NUMBER]
    assert matches[0].masked == "1101**********002X"[:4] + "*" * 10 + VALID_ID[-4:]
    assert privacy.mask_text(f"号码{VALID_ID}") == "号码1101**********002X"


def test_id_number_with_wrong_check_digit_is_not_an_id():
    wrong = VALID_ID[:-1] + "1"
    assert all(m.kind != privacy.ID_NUMBER for m in privacy.find_numbers(wrong))


def test_bank_card_passing_luhn_and_grouped_card():
    card = _luhn_card()
    assert [m.kind for m in privacy.find_numbers(f"卡号{card}")] == [privacy.BANK_CARD]
    grouped = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    assert privacy.mask_text(grouped) == card[:4] + "*" * (len(card) - 8) + card[-4:]
    not_luhn = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert privacy.find_numbers(not_luhn) == []


def test_mobile_number_is_masked_and_landline_is_not():
    assert privacy.mask_text("联系电话13812345678") == "联系电话138****5678"
    assert privacy.find_numbers("0875-5551234") == []


def test_scan_points_at_lines():
    findings = privacy.scan("第一行\n张三 13812345678", "正文")
    assert [f.location for f in findings] == ["正文第 2 行"]
    assert "138****5678" in findings[0].message


def test_strict_mode_masks_typos_and_landlines_that_plain_mode_keeps():
    # A typo in the check digit still identifies a person.
    typo_id = next(VALID_ID[:17] + d for d in "0123456789" if not privacy.id_check_digit_ok(VALID_ID[:17] + d))
    text = f"身份证{typo_id}，座机0875-5551234"
    assert privacy.mask_text(text) == text
    assert privacy.mask_text(text, strict=True) == f"身份证1101**********{typo_id[-4:]}，座机087*****1234"


def test_strict_mode_still_masks_mobiles_once():
    assert privacy.mask_text("电话13812345678", strict=True) == "电话138****5678"


def test_whole_field_masks_share_the_shapes_of_text_masking():
    assert privacy.mask_phone(" 13812345678 ") == "138****5678" == privacy.mask_text("13812345678")
    assert privacy.mask_phone("0875-5551234") == privacy.mask_text("0875-5551234", strict=True) == "087*****1234"
    assert privacy.mask_phone("5551") == "**51" and privacy.mask_phone("") == ""
    assert privacy.mask_id_number(VALID_ID) == privacy.mask_text(VALID_ID) == "1101**********002X"
    assert privacy.mask_id_number("1234567") == "*******" and privacy.mask_id_number("") == ""
    assert (
        privacy.mask_name("欧阳娜娜") == "欧***" and privacy.mask_name("张") == "张*" and privacy.mask_name(" ") == ""
    )
