"""Reading single pages: what a reader of odd inputs would check (fixtures in tests/fixtures/parse)."""

import datetime as dt
import re

from conftest import REPO, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.parse import read_page
from sitegen.parsing.lines import significant

FIXTURES = REPO / "tests" / "fixtures" / "parse"


def _read(name):
    return read_page((FIXTURES / name).read_text(encoding="utf-8"))


def _source_text(text):
    """Every non-blank character of a page except ``#`` headline markup."""
    return "".join(significant(re.sub(r"^#{1,6}[ \t\u3000]*(?=\S)", "", line.strip(" \t\u3000"))) for line in text.split("\n"))


def _kept_text(reading):
    return "".join(significant(b.text) for b in sorted(reading.blocks, key=lambda b: (b.line_start, b.line_end)))


def test_headline_without_body_over_the_next_story_is_its_series_kicker():
    reading = _read("headline_without_body.txt")
    assert [(s.kicker, s.headline, len(s.body)) for s in reading.stories] == [("新春走基层", "春节前夕的城市灯火", 1)]
    assert reading.stories[0].byline == "本报记者 李明"
    assert reading.stories[0].line_start == 1


def test_column_break_inside_a_word_is_joined():
    story = _read("column_break_inside_a_word.txt").stories[0]
    assert story.body[0].text.startswith("拓宽基层各类群体有序参与基层治理渠道，推进")
    assert (story.body[0].line_start, story.body[0].line_end) == (5, 7)
    assert "column break" in story.body[0].note
    assert len(story.body) == 2


def test_paragraph_ending_a_sentence_is_not_joined_to_the_next():
    story = _read("sentence_end_is_not_joined.txt").stories[0]
    assert [b.text[:4] for b in story.body] == ["会议强调", "同时，各"]


def test_repeated_paragraph_is_kept_once_and_marked_as_duplicate():
    reading = _read("repeated_paragraph.txt")
    story = reading.stories[0]
    assert [b.line_start for b in story.body] == [5, 9]
    duplicate = next(b for b in reading.blocks if b.role == "duplicate")
    assert (duplicate.line_start, duplicate.ref) == (7, "L5-5")


def test_summary_line_printed_three_times_is_kept_once_not_joined_into_one_paragraph():
    line = "过年是有关时间的仪式感，也是和文化密不可分的精神依归"
    reading = read_page("\n\n".join(["在年味中感受文化的魅力（评论员观察）", line, line, line, "无论过去、现在还是未来，过年的盛情不减，过年的味道只会历久弥香。"]) + "\n")
    assert [b.role for b in reading.blocks if b.text == line][1:] == ["duplicate", "duplicate"]


def test_statement_printed_twice_in_a_row_is_a_repeat_but_an_exclamation_may_be_said_twice():
    reading = read_page(
        "顺口溜里的新变化\n\n"
        "实名信息入平台，\n\n工资足额到账来。\n\n发放实时受监管，\n\n按劳取酬乐开怀。\n\n按劳取酬乐开怀。\n\n"
        "“加油！”\n\n“加油！”\n"
    )
    roles = [(b.role, b.text) for b in reading.blocks]
    assert [role for role, text in roles if text == "按劳取酬乐开怀。"][1:] == ["duplicate"]
    assert [role for role, text in roles if text == "“加油！”"] == ["body", "body"]


def test_subhead_and_summary_line_printed_again_are_marked_duplicates_not_joined_to_their_neighbours():
    question = "信息障碍出在哪里？"
    summary = "底层设计不足，很多网站和应用无法被读屏软件顺利读出来"
    reading = read_page(
        "让视障人士畅游网络\n\n"
        "近年来，信息无障碍建设取得明显成效，越来越多的视障人士借助读屏软件上网。\n\n"
        f"{question}\n\n{summary}\n\n{question}\n\n{summary}\n\n"
        "他创办公司之初，没有想到盲人会成为记账软件的用户。\n"
    )
    blocks = [(b.role, b.text) for b in reading.blocks]
    assert [role for role, text in blocks if text in (question, summary)][2:] == ["duplicate", "duplicate"]
    assert ("body", "他创办公司之初，没有想到盲人会成为记账软件的用户。") in blocks


def test_closing_credit_printed_twice_is_kept_once_and_marked_as_duplicate():
    reading = read_page(
        "中企承建大桥通车\n\n"
        "大桥通车后，两岸居民往来的时间由两个小时缩短到十分钟，沿线农产品运输更加便利。\n\n"
        "（本报金边电）\n\n"
        "（本报金边电）\n"
    )
    assert [b.role for b in reading.blocks if b.text == "（本报金边电）"] == ["dateline", "duplicate"]


def test_paragraph_and_subhead_printed_again_as_a_block_are_both_marked_duplicates():
    paragraph = "数据显示，2018年中国声谷集聚企业数量433家，实现产值超600亿元；今年1月，中国声谷开年看涨。"
    reading = read_page(
        "\n\n".join(["中国声谷开年看涨", "产品缘何这么火？在于公司对产品的差异化定位，也源于人工智能产业发展的好时机。", paragraph, "湖北当阳——", paragraph, "湖北当阳——", "加大高新技术研发，中小企业成转型着力点"]) + "\n"
    )
    assert [b.role for b in reading.blocks if b.text in (paragraph, "湖北当阳——")][2:] == ["duplicate", "duplicate"]


def test_paragraph_quoted_above_as_a_pull_quote_is_text_of_its_own_not_a_repeat():
    quote = (
        "面对新型冠状病毒感染的肺炎疫情加快蔓延的严重形势，必须加强党中央集中统一领导，各级党委和政府必须按照党中央决策部署，"
        "全面动员，全面部署，全面加强工作，把人民群众生命安全和身体健康放在第一位，把疫情防控工作作为当前最重要的工作来抓。"
    )
    reading = read_page(
        "\n\n".join(["中共中央政治局常务委员会召开会议", quote, "新华社北京1月25日电　1月25日农历正月初一，中共中央政治局常务委员会召开会议。", "习近平指出，" + quote]) + "\n"
    )
    assert [b.role for b in reading.blocks][-1] == "body"
    assert reading.stories[0].body[-1].text == "习近平指出，" + quote


def test_text_continued_from_another_page_is_a_fragment_not_part_of_the_story():
    reading = _read("continuation_from_another_page.txt")
    assert [s.headline for s in reading.stories] == ["社区新画卷"]
    story = reading.stories[0]
    assert [b.text[:4] for b in story.body] == ["邻里间互", "创新服务", "社区是党"]
    marker = next(b for b in reading.blocks if b.role == "continuation")
    assert (marker.ref, marker.article) == ("01", None)
    # The cut paragraph of the other article is re-joined with its end, printed after the story's credit.
    fragment = next(b for b in reading.blocks if b.role == "fragment" and b.text.startswith("制造业"))
    assert "坚持把发展经济的着力点放在实体经济上" in fragment.text
    assert (fragment.line_start, fragment.line_end) == (9, 15)


def test_markup_levels_decide_kicker_headline_and_subhead():
    reading = _read("markup_headlines.txt")
    first, second = reading.stories
    assert (first.kicker, first.headline, first.byline) == ("新时代 新征程 新伟业", "让群众过上更加幸福美好的生活", "新华社记者")
    assert [b.role for b in first.body] == ["body", "subhead", "body"]
    assert (second.kicker, second.headline) == ("慎终如始 精准防控", "北京：加强市区统筹优化防疫措施")
    assert (second.dateline, second.byline) == ("新华社北京11月27日电", "记者鲁畅")
    assert "#" not in _kept_text(reading)


def test_a_date_inside_the_first_story_is_not_taken_for_the_page_date():
    reading = _read("date_quoted_in_the_first_story.txt")
    assert reading.masthead.date is None
    assert reading.stories[0].dateline == "本报讯"


def test_front_page_masthead_gives_paper_date_and_issue():
    masthead = read_page((SEEDS / "002_dc259f7c78f65d4a.txt").read_text(encoding="utf-8")).masthead
    assert (masthead.newspaper, masthead.date, masthead.issue_number) == ("朔州日报", dt.date(2022, 11, 28), "第8607期")


def test_crlf_line_ends_and_full_width_indents_read_like_plain_text():
    text = (FIXTURES / "column_break_inside_a_word.txt").read_text(encoding="utf-8")
    damaged = "\r\n".join("\u3000\u3000" + line if len(line) > 20 else line for line in text.split("\n"))
    assert read_page(damaged) == read_page(text)


def test_blank_lines_left_by_front_matter_keep_line_numbers_true():
    text = (FIXTURES / "sentence_end_is_not_joined.txt").read_text(encoding="utf-8")
    reading = read_page("\n\n\n\n" + text)
    assert reading.stories[0].line_start == 5


def test_every_seed_character_is_in_some_block():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        reading = read_page(text)
        assert sorted(_kept_text(reading)) == sorted(_source_text(text)), path.name


_LINE = st.one_of(
    st.just(""),
    st.sampled_from(["## 新时代 新征程", "# 标题", "本报讯(记者 刘淑花)会议召开。", "(下转第三版)", "(上接 01 版)", "”", "新华社记者", "主编 赵波 美编 李飞"]),
    st.text(alphabet="的社区党建引领治理，。、“”：；（）() 0123456789abc#—\u3000", min_size=1, max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=30))
def test_no_character_of_any_page_is_dropped(lines):
    text = "\n".join(lines)
    reading = read_page(text)
    assert sorted(_kept_text(reading)) == sorted(_source_text(text))
    for block in reading.blocks:
        assert 1 <= block.line_start <= block.line_end <= len(lines)
        assert block.article is None or 0 <= block.article < len(reading.stories)
    assert all(story.headline for story in reading.stories)


def test_photo_report_credit_ends_the_story_and_the_lines_under_it_open_the_next():
    page = "\n".join(
        [
            "村里娃吃上免费午餐（暖相册）",
            "",
            "近日，广西柳州市融安县大坡乡岗伟村小学迎来了春季开学，学生们在学校享用免费午餐。",
            "",
            "庞革平 谭凯兴摄影报道",
            "",
            "",
            "唯一房产拿出助学 躺卧病床仍在捐献",
            "",
            "王娅：一生行善，此生无憾",
            "",
            "王娅，一个普通的名字，连日来在天津市民口中传颂。",
        ]
    )
    stories = read_page(page).stories
    assert [(s.headline, s.line_start) for s in stories][0] == ("村里娃吃上免费午餐（暖相册）", 1)
    assert [s.line_start for s in stories] == [1, 8]
    assert [b.role for b in stories[0].body] == ["body", "caption"]


def test_cartoon_and_text_credit_is_a_byline_not_a_headline():
    page = "\n".join(
        [
            "与其“云孝顺”，不如常回家（来论）",
            "",
            "勾  犇图  苏  砥文",
            "",
            "与其在朋友圈感动地“云孝顺”一番，还不如平时多分配一点时间给父母。",
        ]
    )
    stories = read_page(page).stories
    assert [(s.headline, s.byline) for s in stories] == [("与其“云孝顺”，不如常回家（来论）", "勾  犇图  苏  砥文")]


def test_a_figure_in_a_data_box_is_not_taken_for_the_headline():
    page = "\n".join(
        [
            "二〇一九年央视春晚——",
            "",
            "跨媒体传播刷新纪录",
            "",
            "11.73亿人",
            "",
            "据统计，2019年央视春晚全媒体累计触达观众达11.73亿人。",
        ]
    )
    story = read_page(page).stories[0]
    assert (story.kicker, story.headline) == ("二〇一九年央视春晚——", "跨媒体传播刷新纪录")
    assert [b.text for b in story.body][0] == "11.73亿人"


def test_paragraph_cut_before_the_last_word_of_its_sentence_is_joined():
    reading = read_page(
        "乡村振兴齐鲁样板\n\n"
        "山东把农业农村发展摆在优先位置，去年全省农村居民人均可支配收入增长7.8%。\n\n"
        "基础设施薄弱是制约乡村发展的最大\n\n"
        "短板。山东聚焦农民反映最强烈的突出问题，开展农村人居环境整治三年行动计划，推进农村道路、供水等建设。\n"
    )
    assert [b.text for b in reading.stories[0].body][1] == (
        "基础设施薄弱是制约乡村发展的最大短板。山东聚焦农民反映最强烈的突出问题，开展农村人居环境整治三年行动计划，推进农村道路、供水等建设。"
    )


def _block_texts(page: str) -> list[str]:
    """The text of each block the page is read into, in order."""
    return [b.text for b in read_page(page).blocks]


def test_summary_line_without_a_full_stop_is_not_joined_to_the_paragraph_under_it():
    texts = _block_texts(
        "欧洲经济增长乏力\n\n"
        "近期公布的一系列数据显示，欧洲经济增长持续放缓，多国制造业陷入低迷，市场信心不足。\n\n"
        "欧元区PMI连续11个月下滑，表明地区经济面临动力严重不足的困境\n\n"
        "欧委会去年12月底发布的《欧元区经济分析》报告指出，欧元区经济增速将进一步放缓。\n"
    )
    assert "欧元区PMI连续11个月下滑，表明地区经济面临动力严重不足的困境" in texts
    assert "欧委会去年12月底发布的《欧元区经济分析》报告指出，欧元区经济增速将进一步放缓。" in texts


def test_numbered_photo_caption_cut_at_a_word_end_is_still_joined():
    texts = _block_texts(
        "患难见真情 共同抗疫情\n\n"
        "疫情发生以来，国际社会纷纷向中国伸出援手，提供各种形式的支持和帮助。\n\n"
        "图③：2月12日，工作人员在搬运联合国开发计划署捐赠\n\n"
        "中国政府的紧急医疗物资。\n"
    )
    assert "图③：2月12日，工作人员在搬运联合国开发计划署捐赠中国政府的紧急医疗物资。" in texts


def test_paragraph_opening_with_a_time_phrase_is_not_joined_to_the_summary_line_above():
    texts = _block_texts(
        "健身行业迎来发展机遇\n\n"
        "随着全民健身热潮兴起，越来越多的资本把目光投向健身行业，新的业态不断涌现。\n\n"
        "利好政策如同杠杆，不仅撬动了资源与资本，更给从业者注入信心\n\n"
        "前不久，一家健身公司完成新一轮融资。这个主打互联网健身的品牌，已在多个城市开设门店。\n"
    )
    assert "利好政策如同杠杆，不仅撬动了资源与资本，更给从业者注入信心" in texts


def test_paragraph_opening_with_its_scene_its_speaker_or_a_question_is_not_joined_to_the_whole_line_above():
    texts = _block_texts(
        "守护城市的温度\n\n"
        "寒潮来袭，城市里的志愿者走上街头，为露宿者送去棉被和热汤。\n\n"
        "帮助别人时顾及对方的感受，是对他人最好的善意\n\n"
        "地铁站里，一位老人坐在台阶上休息。志愿者蹲下身子，轻声询问他是否需要帮助。\n\n"
        "救助工作要把好事办实办细，让困难群众感受到温暖\n\n"
        "民政局负责人表示，今年将在各区增设临时救助站点，确保寒潮期间应助尽助。\n\n"
        "提升旅游服务水平，才能让游客对旅途更加满意放心\n\n"
        "春节将至，旅游市场热闹起来，不少人开始准备出行计划。\n\n"
        "老年人锻炼要量力而行，循序渐进避免身体损伤\n\n"
        "家里空间有限，怎样锻炼才好？体育专家给出了几点建议。\n"
    )
    assert "帮助别人时顾及对方的感受，是对他人最好的善意" in texts
    assert "救助工作要把好事办实办细，让困难群众感受到温暖" in texts
    assert "提升旅游服务水平，才能让游客对旅途更加满意放心" in texts
    assert "老年人锻炼要量力而行，循序渐进避免身体损伤" in texts


def test_line_without_a_full_stop_cut_before_its_last_few_words_is_joined_and_ends_there():
    texts = _block_texts(
        "两国合作再上新台阶\n\n"
        "新的一年，两国在贸易、投资、人文等领域的交流不断深化，成果丰硕。\n\n"
        "双方将继续加强发展战略对接，拓展务实合作领域，推动贸易、投资和\n\n"
        "人文交流等领域合作走深走实；\n\n"
        "双方商定在建交三十周年举办系列庆祝活动。\n\n"
        "面对复杂多变的国际形势，两国经贸往来顶住下行压力，继续保持平\n\n"
        "稳向好的发展态势\n\n"
        "贸易额连续增长，相互投资规模稳步扩大。\n"
    )
    assert "双方将继续加强发展战略对接，拓展务实合作领域，推动贸易、投资和人文交流等领域合作走深走实；" in texts
    assert "面对复杂多变的国际形势，两国经贸往来顶住下行压力，继续保持平稳向好的发展态势" in texts
    assert "双方商定在建交三十周年举办系列庆祝活动。" in texts
    assert "贸易额连续增长，相互投资规模稳步扩大。" in texts


def test_name_cut_after_the_surname_of_someone_introduced_by_post_is_joined():
    texts = _block_texts(
        "乡村振兴有了带头人\n\n"
        "村里新修了道路，办起了合作社，村民的日子越过越红火。\n\n"
        "谈起这些变化，村党支部书记高\n\n"
        "秀兰说，这几年大家心往一处想、劲往一处使，才有了今天的好光景。\n"
    )
    assert "谈起这些变化，村党支部书记高秀兰说，这几年大家心往一处想、劲往一处使，才有了今天的好光景。" in texts


def test_piece_opening_with_a_closing_square_bracket_continues_the_line_above():
    texts = _block_texts(
        "注释\n\n"
        "［12］科技企业孵化器是指以促进科技成果转化、培育科技企业为宗旨的服务机构。\n\n"
        "［13\n\n"
        "］新三板是经国务院批准设立的全国性证券交易场所。\n"
    )
    assert "［13］新三板是经国务院批准设立的全国性证券交易场所。" in texts


def test_short_piece_opening_a_sentence_with_its_time_or_scene_is_a_cut_paragraph_not_a_subhead():
    texts = _block_texts(
        "春耕备耕正当时\n\n"
        "各地在做好防控的同时，抢抓农时，推进春季农业生产。\n\n"
        "当前，南方各地\n\n"
        "春耕备耕陆续展开，化肥和种子供应总体充足。\n\n"
        "得知种子紧缺后，像老李\n\n"
        "一样，许多农技员主动送种上门，帮农户解决难题。\n"
    )
    assert "当前，南方各地春耕备耕陆续展开，化肥和种子供应总体充足。" in texts
    assert "得知种子紧缺后，像老李一样，许多农技员主动送种上门，帮农户解决难题。" in texts


def test_date_or_time_cut_between_its_parts_is_joined():
    texts = _block_texts(
        "车站里的守护者\n\n"
        "春运期间，车站民警每天在候车大厅巡逻，帮助旅客解决难题。\n\n"
        "2020年1月\n\n"
        "18日，车站迎来返乡客流高峰，民警提前两小时到岗。\n\n"
        "当天18时\n\n"
        "20分左右，一名旅客的背包落在座椅上，民警很快找到了失主。\n"
    )
    assert "2020年1月18日，车站迎来返乡客流高峰，民警提前两小时到岗。" in texts
    assert "当天18时20分左右，一名旅客的背包落在座椅上，民警很快找到了失主。" in texts


def test_figure_of_a_data_box_is_not_joined_to_the_paragraph_opening_with_a_year_under_it():
    texts = _block_texts(
        "整治作风 成效明显\n\n"
        "各地聚焦群众反映强烈的突出问题，持续整治形式主义、官僚主义。\n\n"
        "3616\n\n"
        "2018年全省开展党内问责3616例，其中问责党组织35个、党员领导干部2800多人。\n"
    )
    assert "3616" in texts
    assert "2018年全省开展党内问责3616例，其中问责党组织35个、党员领导干部2800多人。" in texts


def test_heading_of_phrases_of_one_length_is_not_joined_to_the_paragraph_under_it():
    texts = _block_texts(
        "乡村面貌焕然一新\n\n"
        "去年以来，全县大力开展农村人居环境整治，村容村貌明显改善。\n\n"
        "整治一村，修复一村，建强一村\n\n"
        "村委会里灯火通明，台上演着地方戏，台下坐满了前来看戏的村民。\n"
    )
    assert "整治一村，修复一村，建强一村" in texts
    texts = _block_texts(
        "稳产保供一线见闻\n\n"
        "疫情防控期间，各地超市加强货源组织，保障市场供应充足、价格稳定。\n\n"
        "脚步不停 柜台不空\n\n"
        "上午10点，超市里顾客不少。正在后仓忙碌的店长说，这几天蔬菜每天补货三次。\n"
    )
    assert "脚步不停 柜台不空" in texts
    # Such a line cut before the last word of its sentence is still a paragraph's first piece.
    texts = _block_texts(
        "国企改革向纵深推进\n\n"
        "国有企业改革三年行动方案印发以来，各项改革举措加快落地。\n\n"
        "激发企业活力，要靠变革体制，也要靠完善机\n\n"
        "制。近年来，国有企业在中长期激励机制等方面开展了积极探索。\n"
    )
    assert "激发企业活力，要靠变革体制，也要靠完善机制。近年来，国有企业在中长期激励机制等方面开展了积极探索。" in texts


def test_piece_ending_on_an_adverb_or_modal_that_waits_for_its_verb_is_joined_to_its_rest():
    texts = _block_texts(
        "坚守岗位过春节\n\n"
        "春节期间，许多建设者放弃休假，坚守在重点工程建设一线。\n\n"
        "电力职工老李在这个工地已经连续\n\n"
        "工作了半年多，今年春节又主动留下值班。\n\n"
        "第十条 工作人员应当\n\n"
        "严格遵守安全操作规程，服从现场统一调度。\n"
    )
    assert "电力职工老李在这个工地已经连续工作了半年多，今年春节又主动留下值班。" in texts
    assert "第十条 工作人员应当严格遵守安全操作规程，服从现场统一调度。" in texts


def test_body_cut_from_the_post_and_name_of_its_officer_is_joined():
    texts = _block_texts(
        "协同发展迈出新步伐\n\n"
        "三地在交通、生态、产业等领域的合作不断深化，一批重点项目落地见效。\n\n"
        "北京市京津冀协同办\n\n"
        "副主任王立新介绍，去年全市疏解一般制造企业两百多家，腾退空间用于补齐公共服务短板。\n"
    )
    assert "北京市京津冀协同办副主任王立新介绍，去年全市疏解一般制造企业两百多家，腾退空间用于补齐公共服务短板。" in texts


def test_contributors_name_after_the_country_in_brackets_is_not_joined_to_the_comment_under_it():
    texts = _block_texts(
        "患难见真情 共同抗疫情\n\n"
        "疫情发生以来，多国人士通过各种方式表达对中国人民的支持。\n\n"
        "（日本）山田嘉一\n\n"
        "新中国成立以来，综合国力大幅提升，人民过上了安定、富裕的生活，我对中国战胜疫情充满信心。\n"
    )
    assert "（日本）山田嘉一" in texts


def test_numbered_heading_is_not_joined_to_the_paragraph_under_it():
    texts = _block_texts(
        "加强党的政治建设\n\n"
        "各级党组织要把党的政治建设摆在首位，不断提高政治判断力、政治领悟力、政治执行力。\n\n"
        "（九）发挥群团组织政治作用\n\n"
        "工会、共青团、妇联等群团组织是党领导的政治组织，要把党的领导贯穿工作全过程。\n"
    )
    assert "（九）发挥群团组织政治作用" in texts


def test_numbered_item_cut_inside_a_word_is_still_joined():
    texts = _block_texts(
        "检举控告工作规则\n\n"
        "纪检监察机关处理检举控告工作，应当坚持以下原则：\n\n"
        "（一）实事\n\n"
        "求是。以事实为依据处理检举控告，不得捕风捉影，不得主观臆断。\n"
    )
    assert "（一）实事求是。以事实为依据处理检举控告，不得捕风捉影，不得主观臆断。" in texts


def test_column_break_word_list_holds_every_two_to_four_character_word_jieba_has_seen_three_times():
    # The parser's word lists are taken from jieba's dictionary by one regular-expression search;
    # read line by line, the dictionary must give exactly the same words and names.
    import importlib.util
    from pathlib import Path

    from sitegen.parsing.repair import dictionary, person_names

    words, names = set(), set()
    with open(Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt", encoding="utf-8") as handle:
        for entry in handle:
            word, count, *tag = entry.split()
            if 2 <= len(word) <= 4 and int(count) >= 3:
                words.add(word)
                if tag == ["nr"]:
                    names.add(word)
    assert dictionary() == words and "渠道" in words and "党的" not in words
    assert person_names() == names and "瞿振元" in names
