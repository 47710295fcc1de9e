"""Where one article ends and the next begins, and which short lines are headlines (issue 3)."""

from sitegen.parse import read_page

P = "\u3000\u3000"  # the paragraph indent of a page dump


def _page(*lines):
    return read_page("\n".join(lines) + "\n")


def test_flush_headline_between_indented_paragraphs_opens_a_story_and_an_indented_one_is_a_subhead():
    reading = _page(
        "春节前夕的城市灯火",
        "",
        P + "连日来，城市的街头巷尾挂起了红灯笼，商场里人流如织，年味越来越浓，市民们忙着采购年货。",
        "",
        P + "落实惠民举措",
        "",
        P + "今年，全市共投入资金三千万元，用于改善老旧小区的照明设施，让居民过上一个亮堂的春节。",
        "",
        "元宵灯会即将开幕",
        "",
        P + "记者从市文旅局获悉，今年元宵灯会将于正月十五开幕，城市的街头巷尾将挂起更多红灯笼，市民可以免费观灯。",
    )
    assert [s.headline for s in reading.stories] == ["春节前夕的城市灯火", "元宵灯会即将开幕"]
    first = reading.stories[0]
    assert [(b.role, b.text) for b in first.body if b.role == "subhead"] == [("subhead", "落实惠民举措")]


def test_indented_paragraph_is_not_taken_for_the_rest_of_a_cut_one():
    reading = _page(
        "春运返程高峰",
        "",
        P + "记者从铁路部门获悉，今年春运返程客流高峰已经到来，各地车站加开列车，全力保障旅客平安出行，在",
        "",
        P + "北京西站，候车大厅里人头攒动，工作人员引导旅客有序进站，志愿者为行动不便的老人提供帮助。",
        "",
        P + "铁路部门提醒，返程旅客要合理安排出行时间，提前购票，错峰出行，并留意车站发布的信息。",
    )
    paragraphs = [b.text for b in reading.stories[0].body]
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("北京西站")


def test_headline_with_a_comma_set_apart_is_not_joined_to_its_first_paragraph():
    reading = _page(
        "边疆有我，安心团聚",
        "",
        "春节前夕，记者来到新疆边防某部，看到官兵们正在打扫营区、张贴春联，准备迎接新春佳节。",
        "",
        "“虽然不能回家过年，但守护好边疆，就是守护好万家团圆。”一名战士说。",
        "",
        "",
        "过年，一起燃烧卡路里",
        "",
        "越来越多的人选择在假期里走进健身房、滑雪场，用运动的方式过一个健康年。",
    )
    assert [s.headline for s in reading.stories] == ["边疆有我，安心团聚", "过年，一起燃烧卡路里"]
    assert reading.stories[1].body[0].text.startswith("越来越多的人")


def test_paragraph_cut_after_its_first_words_in_running_text_is_still_joined():
    reading = _page(
        "春运返程高峰",
        "",
        "记者从铁路部门获悉，今年春运返程客流高峰已经到来，各地车站加开列车，全力保障旅客平安出行。",
        "",
        "今年春节期间，全市",
        "",
        "共接待游客120万人次，同比增长15%。",
    )
    assert [b.text for b in reading.stories[0].body][1] == "今年春节期间，全市共接待游客120万人次，同比增长15%。"


def test_dash_subtitle_ending_in_a_circled_number_is_not_joined_to_a_paragraph_opening_with_a_year():
    reading = _page(
        "让公众感受历史的魅力（人民论坛）",
        "",
        "——从历史中汲取走向未来的智慧⑦",
        "",
        "2019年是新中国成立70周年，历史文化类电视节目走红，让观众看到“历史原来这么有料”。",
    )
    story = reading.stories[0]
    assert story.subtitle == "——从历史中汲取走向未来的智慧⑦"
    assert story.body[0].text.startswith("2019年")


def test_dash_line_inside_running_text_is_still_joined_across_a_column_break():
    reading = _page(
        "抓住新机遇",
        "",
        "全球的目光正在东移，中国的风景成为越来越多国家的憧憬，中国经济总量站上新台阶。",
        "",
        "——坚持全面深化",
        "",
        "改革开放，中国的经济体量、发展影响已今非昔比。抓住新机遇，我们有实力。",
    )
    assert reading.stories[0].body[-1].text == "——坚持全面深化改革开放，中国的经济体量、发展影响已今非昔比。抓住新机遇，我们有实力。"


def test_headline_over_a_photo_caption_and_a_dateline_opens_a_story():
    reading = _page(
        "让弱村变强 把强村做优",
        "",
        "寒亭区去年出台了《关于实施“强村领航工程”的意见》，遴选出45个村作为“领头雁”，与各村结成对子。",
        "",
        "",
        "中央扫黑除恶首轮督导的10省市整改完毕",
        "",
        "",
        "",
        "2019年上半年，全国扫黑办将组织开展“回头看”（本报记者 刘淑花摄）",
        "",
        "",
        "",
        "本报北京1月31日电 （记者徐隽）31日，记者从全国扫黑除恶专项斗争领导小组办公室获悉：第一轮督导整改已经完毕。",
    )
    assert [s.headline for s in reading.stories] == ["让弱村变强 把强村做优", "中央扫黑除恶首轮督导的10省市整改完毕"]
    assert reading.stories[1].dateline.startswith("本报北京1月31日电")


def test_editors_note_is_not_joined_to_the_headline_above_it():
    reading = _page(
        "生态环保督察员的一年",
        "",
        "督察人员徐锡惠说，过去一年来最直观的感受就是忙，2018年他有180天在出差，看现场、查资料、写材料。",
        "",
        "谢谢你，绿色家园守护者",
        "",
        "编者按：从长江流域到汾渭平原，从水源巡查一线到绿色包装研发，很多人都在努力着。",
    )
    blocks = {b.text for b in reading.blocks}
    assert "谢谢你，绿色家园守护者" in blocks
    assert "编者按：从长江流域到汾渭平原，从水源巡查一线到绿色包装研发，很多人都在努力着。" in blocks


def test_line_carrying_a_column_name_is_the_headline_and_the_summary_under_it_a_subtitle():
    reading = _page(
        "民俗用好 治村有招（民生观）",
        "",
        "在乡村治理的过程中，用好民俗，事半功倍",
        "",
        "本报记者 李明",
        "",
        "春节期间，各地乡村舞龙舞狮、唱大戏，民俗活动让乡亲们走到一起，也让村里的事好商量了。",
    )
    story = reading.stories[0]
    assert (story.headline, story.subtitle) == ("民俗用好 治村有招（民生观）", "在乡村治理的过程中，用好民俗，事半功倍")


def test_kicker_is_not_joined_to_a_headline_carrying_its_column_name():
    reading = _page(
        "一个纪检室、四位小年轻，紧盯疑难案、斗智又斗勇",
        "",
        "“只要案情需要，什么知识都得学”（新时代·面孔）",
        "",
        "走进纪检监察室，四位年轻人正围着一摞卷宗讨论案情，桌上摊着财务、法律方面的书。",
    )
    story = reading.stories[0]
    assert story.kicker == "一个纪检室、四位小年轻，紧盯疑难案、斗智又斗勇"
    assert story.headline == "“只要案情需要，什么知识都得学”（新时代·面孔）"


def test_summary_cut_before_a_character_that_opens_nothing_is_joined():
    reading = _page(
        "春节，让我们的文化青春不老（人民时评）",
        "",
        "春节文化作为一个共同的纽带，不仅把相互熟悉的家人联系在一起，更把无穷的远方、无数的人",
        "",
        "们联系在一起",
        "",
        "又是一年春来到。春节是中华民族最隆重的传统佳节，承载着人们对美好生活的向往。",
    )
    assert any("更把无穷的远方、无数的人们联系在一起" in b.text for b in reading.blocks)
    assert not any(b.text.startswith("们") for b in reading.blocks)


def test_headline_under_a_closing_credit_is_not_joined_to_its_first_paragraph():
    reading = _page(
        "调查显示比利时民众幸福指数下降",
        "",
        "比利时团结互助保险公司日前公布的调查结果显示，比利时民众幸福指数过去4年间有所下降。",
        "",
        "（据新华社布鲁塞尔电 记者潘革平）",
        "",
        "法国电商注重线上线下融合",
        "",
        "法国电子商务和远程销售联合会近日发布报告，2018年法国电子商务交易额达926亿欧元。",
    )
    assert [s.headline for s in reading.stories] == ["调查显示比利时民众幸福指数下降", "法国电商注重线上线下融合"]


def test_paragraph_cut_right_under_a_photo_caption_is_joined_not_taken_for_the_caption():
    reading = _page(
        "三沙的节前最后一班岗",
        "",
        "春节前夕，记者登上永兴岛，看到驻岛员工们仍在忙着调度物资、检修设备，准备迎接新春。",
        "",
        "",
        "图为搭上公交进山里。",
        "",
        "",
        "",
        "23岁的小康，是海南某公司驻三沙",
        "",
        "员工。这是小康在永兴岛上的节前最后一班岗，1月26日晚6点，他就坐船回家了。",
    )
    body = [b.text for b in reading.stories[0].body if b.role == "body"]
    assert body[-1] == "23岁的小康，是海南某公司驻三沙员工。这是小康在永兴岛上的节前最后一班岗，1月26日晚6点，他就坐船回家了。"
