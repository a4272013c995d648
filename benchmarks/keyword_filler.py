"""Share of filler in the default top-30 keywords of real reports, xzcli vs jieba.analyse.

    python benchmarks/keyword_filler.py [--top 30]

A slot is filler when the term is a single character, a number or punctuation, a word jieba's
own dictionary tags as a verb, adverb, pronoun, conjunction, preposition, particle, numeral,
measure word, locative or time word, or one of the generic words listed below (boilerplate a
reader would strike from a keyword list). The judge uses jieba's base dictionary, not
xzcli's lexicon or stop words, so both lists are held to the same standard.
"""

from __future__ import annotations

import argparse
import sys

from _measure import CORPUS

FILLER_TAGS = ("v", "d", "r", "c", "p", "u", "m", "q", "f", "t", "y", "e", "o", "z", "ad", "ul",
               "uj", "uz", "ug", "uv", "ud")
GENERIC = set("""
我们 你们 他们 它们 这个 那个 这些 那些 一些 一个 各种 各项 各类 有关 相关 方面 问题 情况 工作
进一步 全面 积极 重要 主要 基本 重点 方针 任务 要求 措施 水平 能力 基础 条件 作用 意义 领域 力度
同志 代表 全国 全党 今年 去年 明年 当前 目前 今后 以来 期间 过程 方式 形式 办法 程度 范围 地方
大力 着力 切实 不断 继续 努力 坚决 必须 需要 能够 可以 进行 实行 实现 推进 加强 提高 推动 加快
发展 建设 坚持 提升 促进 深化 完善 健全 落实 实施 开展 做好 保持 增强 扩大 支持 统筹 构建 加大
""".split())


def is_filler(term: str, base_tags: dict[str, str]) -> bool:
    if len(term) < 2 or term in GENERIC:
        return True
    if not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in term):
        return True
    if term.replace(".", "").replace("%", "").isdigit():
        return True
    tag = base_tags.get(term)
    return tag is not None and tag.startswith(FILLER_TAGS) and not tag.startswith(("vn", "nr"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    files = sorted((CORPUS / "national-work-reports").glob("*.txt"))
    files += sorted((CORPUS / "five-year-plans").glob("*.txt"))
    if not files:
        sys.exit(f"shared corpus not found at {CORPUS}")

    import jieba
    import jieba.analyse

    from xzcli.keywords import count_terms, keyword_frequencies
    from xzcli.segment import Segmenter, _jieba_dict_tags
    from xzcli.sources import analysis_text, read_document

    jieba.setLogLevel(60)
    base_tags = _jieba_dict_tags()
    segmenter = Segmenter()
    ours = theirs = slots_ours = slots_theirs = 0
    worst: list[tuple[str, str]] = []
    for path in files:
        text = analysis_text(read_document(str(path)).text)
        mine = [k.term for k in keyword_frequencies(count_terms(text, segmenter), segmenter,
                                                    top=args.top)]
        tags = jieba.analyse.extract_tags(text, topK=args.top)
        bad_mine = [t for t in mine if is_filler(t, base_tags)]
        ours += len(bad_mine)
        theirs += sum(is_filler(t, base_tags) for t in tags)
        slots_ours += len(mine)
        slots_theirs += len(tags)
        worst += [(path.name, t) for t in bad_mine]
    print(f"reports            {len(files)} (national work reports and five-year plans)")
    print(f"xzcli keywords     {ours}/{slots_ours} filler slots = {100 * ours / slots_ours:.1f}%")
    print(f"jieba extract_tags {theirs}/{slots_theirs} filler slots "
          f"= {100 * theirs / slots_theirs:.1f}%")
    if worst:
        print("xzcli filler:", " ".join(f"{name}:{term}" for name, term in worst[:40]))


if __name__ == "__main__":
    main()
