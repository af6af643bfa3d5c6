/* charclass.c -- character classes and scripts for the tokenizer.
** ASCII and the Latin/Vietnamese/Cyrillic ranges are answered without a
** table lookup; everything else asks utf8proc's Unicode properties. */
#include <utf8proc.h>

#include "text.h"

static int class_of_category(int cat) {
  switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: /* non-ASCII digits read as word letters */
      return HOSO_CC_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return HOSO_CC_MARK;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return HOSO_CC_PUNCT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF: /* BOM, zero-width joiners */
      return HOSO_CC_SPACE;
    default:
      return HOSO_CC_SYMBOL;
  }
}

int hoso__cclass(int32_t cp) {
  if (cp < 0) return HOSO_CC_SPACE;
  if (cp < 0x80) {
    if ((cp | 32) >= 'a' && (cp | 32) <= 'z') return HOSO_CC_LETTER;
    if (cp >= '0' && cp <= '9') return HOSO_CC_DIGIT;
    if (cp <= ' ' || cp == 0x7F) return HOSO_CC_SPACE;
    if (cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' ||
        cp == '^' || cp == '`' || cp == '|' || cp == '~')
      return HOSO_CC_SYMBOL;
    return HOSO_CC_PUNCT;
  }
  if ((cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
      (cp >= 0x410 && cp <= 0x44F))
    return HOSO_CC_LETTER;
  if (cp >= 0x300 && cp <= 0x36F) return HOSO_CC_MARK;
  return class_of_category(utf8proc_get_property(cp)->category);
}

int hoso__script(int32_t cp) {
  if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
      (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
      (cp >= 0xFF21 && cp <= 0xFF5A))
    return HOSO_SCRIPT_LATIN;
  if ((cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
      (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F))
    return HOSO_SCRIPT_CYRILLIC;
  return HOSO_SCRIPT_OTHER;
}

int hoso__is_upper(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0x410 && cp <= 0x44F) return cp <= 0x42F;
  /* the Vietnamese letters without a table lookup: Latin-1 letters, and
  ** the blocks where upper and lower case alternate (upper = even) */
  if (cp >= 0xC0 && cp <= 0xFF) return cp <= 0xDE && cp != 0xD7;
  if ((cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x100 && cp <= 0x12F) ||
      (cp >= 0x14A && cp <= 0x177) || cp == 0x1A0 || cp == 0x1A1)
    return !(cp & 1);
  if (cp == 0x1AF || cp == 0x1B0) return cp == 0x1AF;
  int cat = utf8proc_get_property(cp)->category;
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}
