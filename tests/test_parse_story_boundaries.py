"""Where one article ends and the next begins, and which short lines are headlines (issue 3)."""

import pytest

from sitegen.parse import read_page

P = "\u3000\u3000"  # the paragraph indent of a page dump


def _page(*lines):
    return read_page("\n".join(lines) + "\n")


#: 来论 over two readers' letters, each signed under its headline.
_READERS_COLUMN = (
    "来论",
    "",
    "小治理也需精细活",
    "",
    "北京朝阳\xa0\xa0施\xa0\xa0芳",
    "",
    "小区门口的快递柜前总是排着长队，物业增设了一组柜子，问题就解决了。治理往往就在这些细节里。",
    "",
    "用好网上新闻发布会",
    "",
    "江西南昌\xa0\xa0杨铭鸣",
    "",
    "近日，江西综合利用网络平台举行新闻发布会，就群众关心的问题答疑解惑，效果很好。",
)


def _headings_and_credits(story):
    """A story's subheads and the credits inside its text, in order, with their roles."""
    return [(b.role, b.text) for b in story.body if b.role in ("subhead", "byline", "dateline")]

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


def test_column_name_with_a_number_in_brackets_still_marks_a_headline():
    reading = _page(
        "智能停车场方便了游客",
        "",
        "两天时间下来，行走在鹰潭，物联网水表、垃圾深埋桶、智能停车场……记者欣喜地发现，物联网已走进生活。",
        "",
        "降本增效，物流发展高质量（感言·岁末年初看经济（11））",
        "",
        "坚持新发展理念，进一步深化改革、扩大开放，以供给侧结构性改革为主线，全面推进物流高质量发展。",
    )
    assert [s.headline for s in reading.stories] == ["智能停车场方便了游客", "降本增效，物流发展高质量（感言·岁末年初看经济（11））"]


def test_further_reading_box_is_part_of_the_article_not_a_story_of_its_own():
    reading = _page(
        "厚植金融伦理土壤（财经观）",
        "",
        "金融业要通过完善战略规划和业绩评价标准等，将金融伦理渗透进经营管理的全过程，提升从业者的专业素养。",
        "",
        "警惕自媒体平台卖保险“大忽悠”（延伸阅读）",
        "",
        "近期，部分保险营销人员在微信朋友圈等自媒体平台发布虚假营销信息，误导消费者购买保险产品。",
    )
    assert [s.headline for s in reading.stories] == ["厚植金融伦理土壤（财经观）"]


def test_short_line_over_a_photo_caption_and_running_text_is_a_headline_not_a_caption():
    reading = _page(
        "药品集中采购",
        "",
        "当然，对竞争充分的仿制药、专利创新药、生产厂家少的药品，需要区别对待，制定不一样的采购办法。",
        "",
        "",
        "春天里，用力奔跑",
        "",
        "",
        "",
        "新年新气象（本报记者 王晓丽摄）",
        "",
        "",
        "",
        "从启程返乡到出发返城，拉杆箱的声音在大街小巷响起，春节假期后，列车车厢再次被填满。",
    )
    assert [s.headline for s in reading.stories] == ["药品集中采购", "春天里，用力奔跑"]


def test_short_line_set_apart_under_a_photo_at_the_end_of_a_story_stays_a_caption():
    reading = _page(
        "众志成城 守望相助",
        "",
        "在这场没有硝烟的战争中，怀仁市各级党员干部奋战在一线，医护人员、疾控人员、基层干部冲锋在前。",
        "",
        "",
        "",
        "溯源流调工作组正在紧张工作中",
        "",
        "",
        "",
        "高风险小区正在进行环境消杀工作",
        "",
        "深入学习贯彻党的二十大精神",
        "",
        "在坚决做到“两个维护”上下功夫",
        "",
        "本报评论员",
        "",
        "沧海横流显砥柱，万山磅礴看主峰。刚刚召开的市委全会，传达学习贯彻党的二十大精神。",
    )
    assert [b.role for b in reading.blocks if b.text.startswith(("溯源", "高风险"))] == ["caption", "caption"]
    assert [s.headline for s in reading.stories] == ["众志成城 守望相助", "在坚决做到“两个维护”上下功夫"]


def test_dateline_on_its_own_line_under_the_headline_is_the_dateline_not_the_headline():
    reading = _page(
        "博鳌亚洲论坛2020年年会将于3月下旬举行",
        "",
        "据新华社北京1月14日电",
        "",
        "外交部发言人14日宣布，博鳌亚洲论坛2020年年会将于3月下旬在海南博鳌举行，主题为“共同命运 协同行动”。",
    )
    story = reading.stories[0]
    assert (story.headline, story.dateline) == ("博鳌亚洲论坛2020年年会将于3月下旬举行", "据新华社北京1月14日电")


def test_editors_note_signature_is_not_taken_for_a_headline():
    reading = _page(
        "基层干部 不一样的春节（干部状态新观察）",
        "",
        "编者按：疫情防控阻击战打响以来，广大基层干部坚守一线，过了一个不一样的春节。",
        "",
        "——编  者",
        "",
        "关键词：效率",
        "",
        "就想着快点再快点",
        "",
        "本报记者 王明",
        "",
        "“口罩到了没有？”大年初二一早，社区书记就打电话催问物资，一天下来嗓子都哑了。",
    )
    assert reading.stories[0].headline == "基层干部 不一样的春节（干部状态新观察）"
    assert all("编  者" not in (s.headline + (s.kicker or "")) for s in reading.stories)


def _paragraphs(reading):
    return [b.text for b in reading.blocks if b.role in ("body", "subhead")]


def test_list_items_ending_with_a_semicolon_stay_paragraphs_of_their_own():
    reading = _page(
        "推动乡村振兴",
        "",
        "会议要求，各地要抓好以下几项工作：",
        "",
        "一是稳定粮食生产，确保粮食播种面积和产量保持基本稳定；",
        "",
        "二是推进农村人居环境整治，持续改善村容村貌；",
        "",
        "三是深化农村改革，激发农村发展活力。",
    )
    assert [p[:2] for p in _paragraphs(reading)] == ["会议", "一是", "二是", "三是"]


def test_subhead_over_a_paragraph_opening_with_a_quotation_is_not_run_into_it():
    reading = _page(
        "科技助力冬奥备战",
        "",
        "冬奥会进入“北京周期”以来，冬季项目各支国家队加快了科学化训练的步伐，成效明显。",
        "",
        "坚持农民主体地位，保持足够历史耐心，不搞齐步走、一刀切",
        "",
        "“农村改革为了农民，更要依靠农民。”专家表示，农民是农村发展的主体，改革要尊重农民意愿。",
    )
    assert "坚持农民主体地位，保持足够历史耐心，不搞齐步走、一刀切" in _paragraphs(reading)


def test_paragraph_cut_before_a_short_quoted_term_is_joined():
    reading = _page(
        "城市的春节",
        "",
        "有人担心，春节期间外地务工人员纷纷返乡，一些大城市可能会变成",
        "",
        "“空城”。如今，城市又添了许多留下来过年的人，年味一点也不少。",
    )
    assert _paragraphs(reading) == ["有人担心，春节期间外地务工人员纷纷返乡，一些大城市可能会变成“空城”。如今，城市又添了许多留下来过年的人，年味一点也不少。"]


def test_whole_quotation_on_its_own_line_is_not_the_first_half_of_the_next_paragraph():
    reading = _page(
        "共建的家园",
        "",
        "65岁的项目经理华春芳来柬工作13年，如今退休后又返聘回到工地，继续带着年轻人干。",
        "",
        "“中国技术员真心帮我们建设家园，我为有这样的同事而自豪”",
        "",
        "当地员工索昆说，他在项目上学会了钢筋绑扎，现在每个月的收入能养活一家人。",
    )
    assert "“中国技术员真心帮我们建设家园，我为有这样的同事而自豪”" in _paragraphs(reading)


def test_two_balanced_phrases_over_a_paragraph_with_its_own_opening_clause_are_a_subhead():
    reading = _page(
        "冰雪运动的科技含量",
        "",
        "各支国家队在训练中广泛运用新技术，运动员的竞技水平得到了明显提升。",
        "",
        "提高科技含量，重在解决问题",
        "",
        "新的一年里，冬季项目各支国家队的科研保障工作不断加强，效果显著。",
    )
    assert "提高科技含量，重在解决问题" in _paragraphs(reading)


def test_foreign_name_cut_at_its_middle_dot_is_joined():
    reading = _page(
        "合作社里的新点子",
        "",
        "合作社负责人吾格丽汗",
        "",
        "·克特巴依将自己的想法一说，乡亲们都表示赞成，大家决定一起扩大养殖规模。",
    )
    assert _paragraphs(reading) == ["合作社负责人吾格丽汗·克特巴依将自己的想法一说，乡亲们都表示赞成，大家决定一起扩大养殖规模。"]


def test_design_credit_with_a_space_for_its_colon_is_a_credit_not_a_subtitle():
    reading = _page(
        "交通运输 畅通无阻的生命线（来自疫情防控一线的报道）",
        "",
        "疫情发生以来，交通运输部门开辟绿色通道，保障防控物资和生活必需品运输畅通。",
        "",
        "版式设计\u3000张丹峰",
        "",
        "高效通行添动力（快评）",
        "",
        "越是关键时刻，越要保障交通运输畅通，让人员和物资及时送达需要的地方。",
    )
    assert [s.headline for s in reading.stories] == ["交通运输 畅通无阻的生命线（来自疫情防控一线的报道）", "高效通行添动力（快评）"]
    assert next(b for b in reading.blocks if b.text == "版式设计\u3000张丹峰").role == "byline"


def test_decree_header_under_a_law_title_is_not_the_headline():
    reading = _page(
        "保障农民工工资支付条例",
        "",
        "中华人民共和国国务院令",
        "",
        "第724号",
        "",
        "《保障农民工工资支付条例》已经2019年12月4日国务院第73次常务会议通过，现予公布，自2020年5月1日起施行。",
    )
    story = reading.stories[0]
    assert (story.headline, story.subtitle) == ("保障农民工工资支付条例", "中华人民共和国国务院令\n第724号")


def test_dateline_cut_from_the_rest_of_its_paragraph_is_joined_to_it():
    reading = _page(
        "习近平向克罗地亚新任总统致贺电",
        "",
        "新华社北京2月18日电  2月",
        "",
        "18日，国家主席习近平致电米拉诺维奇，祝贺他就任克罗地亚共和国总统。",
    )
    story = reading.stories[0]
    assert story.headline == "习近平向克罗地亚新任总统致贺电"
    assert [b.text for b in story.body] == ["新华社北京2月18日电  2月18日，国家主席习近平致电米拉诺维奇，祝贺他就任克罗地亚共和国总统。"]


def test_breaks_inside_a_date_a_dash_a_dateline_or_a_number_with_its_unit_are_joined():
    reading = _page(
        "扫黑除恶见成效",
        "",
        "2018年",
        "",
        "9月初，明光市在全市通报了一批典型案例，群众拍手称快。",
        "",
        "为此，他们想到“可伸缩沉管”的办法—",
        "",
        "—液压推进的可逆式最终接头，难题迎刃而解。",
        "",
        "本报拉萨",
        "",
        "2月26日电 （记者袁泉）西藏自治区近日下拨专项资金，用于布达拉宫古籍保护。",
        "",
        "全年共受理举报线索3万件，发放举报奖励1500",
        "",
        "多万元。",
    )
    assert [b.text[:6] for b in reading.stories[0].body] == ["2018年9", "为此，他们想", "本报拉萨2月", "全年共受理举"]


def test_on_an_indented_page_a_flush_piece_of_prose_continues_the_indented_paragraph_above():
    reading = _page(
        "个税汇算清缴",
        "",
        P + "国家税务总局近日发布公告，明确了个人所得税综合所得汇算清缴的有关事项，方便纳税人办理。",
        "",
        P + "纳税人办理汇算清缴",
        "",
        "退税或者扣缴义务人为纳税人办理汇算清缴退税的，可以通过网上税务局提交申请，税务机关审核后办理。",
        "",
        P + "公告还明确，纳税人对汇算清缴结果有异议的，可以依法申请复核，税务机关应当及时答复纳税人。",
    )
    assert [b.text[:9] for b in reading.stories[0].body] == ["国家税务总局近日发", "纳税人办理汇算清缴", "公告还明确，纳税人"]
    assert reading.stories[0].body[1].text.endswith("税务机关审核后办理。")


def test_contributors_signature_under_a_letter_is_its_byline_and_opens_the_letter():
    reading = _page(
        *_READERS_COLUMN,
    )
    # 来论 over two letters is one article, as the paper files it; each letter's signature stands
    # under its headline as its byline, not as a headline line.
    assert [(s.headline, s.byline) for s in reading.stories] == [("来论", None)]
    assert _headings_and_credits(reading.stories[0]) == [
        ("subhead", "小治理也需精细活"),
        ("byline", "北京朝阳\xa0\xa0施\xa0\xa0芳"),
        ("subhead", "用好网上新闻发布会"),
        ("byline", "江西南昌\xa0\xa0杨铭鸣"),
    ]


def test_two_phrase_headline_ending_in_a_surname_like_word_is_not_a_signature():
    reading = _page(
        "新动能\u3000马力足",
        "",
        "2月26日，江西省高安市某机械有限公司，工人在生产车间组装叉车。近年来，当地加快新旧动能转换。",
    )
    assert reading.stories[0].headline == "新动能\u3000马力足"
    assert reading.stories[0].byline is None


def _roles(reading, text):
    return [b.role for b in reading.blocks if b.text == text]


def test_short_line_printed_twice_in_a_row_is_kept_once():
    reading = _page(
        "剪纸里的年味",
        "",
        "春节前夕，剪纸艺人们忙着创作新作品，一张张红纸在剪刀下变成了生动的图案。",
        "",
        "“母亲的艺术”",
        "",
        "“母亲的艺术”",
        "",
        "剪纸被称为“母亲的艺术”，手艺多在母女之间传承，寄托着对美好生活的向往。",
    )
    assert _roles(reading, "“母亲的艺术”") == ["subhead", "duplicate"]


def test_repeated_block_starting_with_a_byline_is_kept_once():
    reading = _page(
        "小镇的春节",
        "",
        "本报记者 钟自炜",
        "",
        "腊月二十八，小镇的集市上人头攒动，年货摊前挤满了前来采购的乡亲，吆喝声此起彼伏。",
        "",
        "本报记者 钟自炜",
        "",
        "腊月二十八，小镇的集市上人头攒动，年货摊前挤满了前来采购的乡亲，吆喝声此起彼伏。",
        "",
        "除夕夜，家家户户围坐在一起吃年夜饭，孩子们在院子里放起了烟花。",
    )
    assert _roles(reading, "本报记者 钟自炜") == ["byline", "duplicate"]


def test_salutation_recurring_through_a_speech_is_not_taken_for_a_repeat():
    reading = _page(
        "在春节团拜会上的讲话",
        "",
        "同志们，朋友们：我们即将迎来农历新年，今天我们在这里欢聚一堂，辞旧岁、迎新春。",
        "",
        "同志们、朋友们",
        "",
        "春节是辞旧迎新的美好时刻，总会给人们带来新的憧憬，今年我们将迎来新中国成立70周年。",
        "",
        "同志们、朋友们",
        "",
        "在中国传统文化中，猪是六畜之首，猪年意味着风调雨顺、五谷丰登、六畜兴旺。",
    )
    assert _roles(reading, "同志们、朋友们") == ["subhead", "subhead"]


def test_passage_quoted_from_a_speech_far_above_is_not_taken_for_a_repeat():
    speech = "春节是辞旧迎新的美好时刻，总会给人们带来新的憧憬。"
    report = (
        "团拜会上，文艺工作者表演了精彩的节目。",
        "京剧名段赢得了阵阵喝彩。",
        "少年儿童合唱的歌曲清脆嘹亮。",
        "舞蹈演员身着盛装翩翩起舞。",
        "相声演员逗得观众开怀大笑。",
        "杂技表演惊险刺激，令人叫绝。",
        "民乐合奏悠扬动听，余音绕梁。",
        "老艺术家朗诵了新创作的诗篇。",
        "大屏幕上播放着各地过年的画面。",
        "台下观众不时报以热烈掌声。",
        "晚会在大合唱中落下帷幕。",
        "与会代表纷纷表示深受鼓舞。",
        "大家相约在新的一年再立新功。",
    )
    filler = [line for sentence in report for line in (sentence, "")]
    reading = _page(
        "团拜会侧记",
        "",
        f"习近平在讲话中说：“{speech}”全场响起热烈的掌声。",
        "",
        *filler,
        speech,
    )
    assert _roles(reading, speech) == ["body"]


def test_indented_closing_line_of_one_story_does_not_pull_the_next_flush_headline_into_a_subhead():
    reading = _page(
        "春节更该多点绿（锐评）",
        "",
        P + "春节是春天的节日，承载希望，寄托着人们对美好生活的期待，不妨让绿色成为新年俗的底色。",
        "",
        P + "盼望今年春节满眼绿，期待神州大地更美好！",
        "",
        "烟花爆竹",
        "",
        "不放少放也挺好",
        "",
        P + "近日，河北省石家庄市发布通告，禁止在市区销售和燃放烟花爆竹，不少市民表示理解和支持。",
        "",
        P + "近年来，为防治大气污染、减少安全事故隐患，各地逐步加大对春节期间燃放烟花爆竹的管控力度。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [(None, "春节更该多点绿（锐评）"), ("烟花爆竹", "不放少放也挺好")]


def test_paragraph_cut_before_the_reporter_it_tells_is_joined():
    reading = _page(
        "港口的春运",
        "",
        "“提起春运，大家都以为是‘运人’，其实港口的春运也很忙。”参加工作11年，王伟已记不清在岗位上度过了多少个春节。",
        "",
        "太平洋国际集装箱码头公司总经理助理么学成告诉",
        "",
        "记者，今年春节，太平洋码头13条线路、50台场桥，80多名员工继续坚守港口作业一线。",
    )
    assert reading.stories[0].body[-1].text.startswith("太平洋国际集装箱码头公司总经理助理么学成告诉记者，今年春节")


def test_reports_of_a_package_signed_by_minority_names_keep_their_bylines():
    reading = _page(
        "新春走基层 一起过大年",
        "",
        "天津港集装箱码头",
        "",
        "别样“春运”一样忙",
        "",
        "本报记者\xa0靳\xa0博",
        "",
        "大年三十，下午两点半，一声汽笛长鸣。满载集装箱的货轮缓缓出港，码头上的工人们仍在岗位上忙碌。",
        "",
        "西藏拉萨三有村",
        "",
        "搬迁三年变化大",
        "",
        "本报记者\xa0琼达卓嘎",
        "",
        "大年三十下午4点，记者来到西藏第一个易地搬迁点，宽敞的客厅里，暖意融融，一家人正在准备年货。",
    )
    # 新春走基层 over signed reports: one package under the campaign's rubric, each report under
    # its headline with its reporter's name, a minority name (琼达卓嘎) among them.
    assert [s.headline for s in reading.stories] == ["新春走基层 一起过大年"]
    story = reading.stories[0]
    assert _headings_and_credits(story) == [
        ("subhead", "天津港集装箱码头"),
        ("subhead", "别样“春运”一样忙"),
        ("byline", "本报记者\xa0靳\xa0博"),
        ("subhead", "西藏拉萨三有村"),
        ("subhead", "搬迁三年变化大"),
        ("byline", "本报记者\xa0琼达卓嘎"),
    ]
    # The byline stands alone: 博 / 大年三十 is not a word cut by a column break.
    assert story.body[3].text.startswith("大年三十")


def test_bare_name_under_a_signed_comment_is_its_byline():
    reading = _page(
        "提升教育水平仍需反求诸己",
        "",
        "陈志文",
        "",
        "近年来，互联网、大数据、人工智能等技术，汇聚成我国教育发展的强大推力，推进教育现代化前行。",
        "",
        "（作者为中国教育在线总编辑）",
        "",
        "避免技术异化教育",
        "",
        "储朝晖",
        "",
        "有了互联网技术，将它充分且有效地运用于教学是理所当然的。但任何技术都是把双刃剑。",
    )
    assert [(s.headline, s.byline) for s in reading.stories] == [
        ("提升教育水平仍需反求诸己", "陈志文"),
        ("避免技术异化教育", "储朝晖"),
    ]


@pytest.mark.parametrize(
    "headline, byline, paragraph, box, box_text",
    [
        (
            "一笔一画记下渔民心里话（新春走基层·代表委员履职故事）",
            "本报记者 李刚",
            "春节前，全国人大代表王国华又一次来到渔港，和渔民们拉家常，把他们的意见一条条记在本子上。",
            "老船长的记事本（记者手记）",
            "跟着王国华走了一天，记者发现他的记事本已经写满了大半，每一页都记着渔民的心里话。",
        ),
        (
            "浙江出台条例促进民营企业发展（地方立法新实践）",
            "本报记者 王明",
            "条例明确，各级政府要为民营企业创造公平竞争的市场环境，依法保护民营企业家的合法权益。",
            "提振民企发展信心（编后）",
            "以法治的方式稳定预期，给民营企业吃下定心丸，是促进民营经济发展的关键一招。",
        ),
    ],
    ids=["reporters note", "editors afterword"],
)
def test_box_named_in_brackets_a_reporters_note_or_editors_afterword_is_part_of_the_story_not_a_new_one(
    headline, byline, paragraph, box, box_text
):
    reading = _page(headline, "", byline, "", paragraph, "", box, "", box_text)
    assert [s.headline for s in reading.stories] == [headline]
    assert [b.text for b in reading.stories[0].body if b.role == "subhead"] == [box]


def test_joint_report_closing_with_a_long_list_of_reporters_ends_its_story():
    names = "、".join(["刘毅", "朱竞若", "王昊男", "田豆豆", "程远州", "范昊天", "吴君", "鲜敢", "申少铁", "白剑峰", "高云才", "杜海涛", "许志峰"])
    reading = _page(
        "各地各部门全力做好疫情防控",
        "",
        "连日来，各地各部门认真贯彻落实党中央决策部署，全力以赴做好疫情防控各项工作，保障人民群众生命安全。",
        "",
        f"（本报记者{names}）",
        "",
        "急群众所急 解患者之难",
        "",
        "应收尽收，刻不容缓！然而，由于工作滞后、衔接无序，导致重症病人长时间等待继而情绪失控。",
    )
    assert [s.headline for s in reading.stories] == ["各地各部门全力做好疫情防控", "急群众所急 解患者之难"]
    assert reading.stories[0].byline.startswith("本报记者刘毅、朱竞若")


#: A story of four plain paragraphs, no subhead among them.
_YUNDOU_STORY = (
    "过年的芸豆饼",
    "",
    "小时候过年，家里人给的压岁钱再少，也要拿出点儿去买芸豆饼吃。桥头常有推着小车卖芸豆饼的老太太。",
    "",
    "我到现在也弄不清，寒风中她们用什么法子，能让芸豆一直那么热乎乎的？打开棉被，芸豆总是冒着热气。",
    "",
    "其实，她们早在年前好几天就蹲在桥头卖芸豆饼了，喷香的味道直逗我的馋虫，只是那时候我没有钱。",
    "",
    "后来我在旧书里读到一首题为“蒸芸豆”的诗，写的正是老北京街头卖芸豆饼的情景，读来格外亲切。",
    "",
)
#: Text on another subject sharing two word pairs with it (过年, 街头): too many for a plain topic shift.
_MACI_TEXT = (
    "在我们浙江本地，过年要吃麻糍，街头巷尾都有卖的。麻糍有很多种吃法，炒麻糍是其中最奢侈的一种。",
    "",
    "嵊州最出名的小吃有三样：小笼包、榨面和炒年糕。麻糍和榨面便成了辅食，麻糍常吃，但总吃不厌。",
)


def test_first_heading_after_paragraphs_without_subheads_on_a_new_subject_opens_a_story():
    reading = _page(*_YUNDOU_STORY, "麻糍的滋味", "", *_MACI_TEXT)
    assert [s.headline for s in reading.stories] == ["过年的芸豆饼", "麻糍的滋味"]


def test_a_heading_that_takes_up_the_storys_words_stays_a_subhead():
    reading = _page(*_YUNDOU_STORY, "芸豆饼的做法", "", *_MACI_TEXT)
    assert [s.headline for s in reading.stories] == ["过年的芸豆饼"]


def test_design_credit_is_not_joined_to_the_kicker_of_the_next_story():
    reading = _page(
        "烈士的母亲",
        "",
        P + "二十年来，王贵武每逢节假日都去看望烈士的母亲，帮她打扫屋子、买米买面，陪她说说话，从未间断。",
        "",
        P + "老人常对邻居说，这个孩子比亲儿子还亲，逢年过节总是第一个上门，村里人都说他是个实在人。",
        "",
        P + "制图：蔡华伟",
        "",
        "外交部发言人——",
        "",
        "中方愿同各方一道维护地区和平稳定",
        "",
        P + "外交部发言人在例行记者会上表示，中方愿同各方一道，继续为维护地区和平稳定发挥建设性作用。",
    )
    assert "制图：蔡华伟" in [b.text for b in reading.blocks]
    assert [(s.kicker, s.headline) for s in reading.stories][-1] == ("外交部发言人——", "中方愿同各方一道维护地区和平稳定")


def test_headline_carrying_a_long_series_title_in_brackets_opens_a_story():
    reading = _page(
        "账越算心里越舒坦",
        "",
        "离腰站子村不远处就是4A级景区，2018年游客接待量超过百万人次，村里的合作社也办得红红火火。",
        "",
        "“两家公司同步走，明年分红肯定比今年多！”王金堂掰着指头算起了账，越算心里越舒坦。",
        "",
        "牢记嘱托勇为人先 改革创新砥砺奋进（在习近平新时代中国特色社会主义思想指引下——新时代新作为新篇章）",
        "",
        "——上海落实习近平总书记全国两会重要讲话精神纪实",
        "",
        "上海着力打造政务服务“一网通办”品牌，目前已有1274个事项接入在线服务平台，办事群众少跑了腿。",
    )
    assert [s.headline[:8] for s in reading.stories] == ["账越算心里越舒坦", "牢记嘱托勇为人先"]
    assert reading.stories[1].subtitle == "——上海落实习近平总书记全国两会重要讲话精神纪实"


_TAX_BRIEF = (
    "年收入12万元以上个人无须办理自行纳税申报",
    "",
    "本报北京2月11日电  （记者吴秋余）国家税务总局纳税服务中心近期接到纳税人来电，咨询新个人所得税法实施后首期申报的相关问题。中心负责人表示，年收入12万元以上的个人今年无须办理自行纳税申报。",
    "",
)


def test_plain_heading_after_a_dated_news_report_opens_the_next_item():
    reading = _page(
        *_TAX_BRIEF,
        "节后开工　全力投入",
        "",
        "2月11日，是春节假期后第一个工作日。各地企业的工人开足马力生产，税务部门也为企业办理相关事宜提供服务，车间里一派繁忙景象。",
    )
    assert [s.headline for s in reading.stories] == ["年收入12万元以上个人无须办理自行纳税申报", "节后开工　全力投入"]


def test_numbered_section_head_inside_a_dated_report_stays_a_subhead():
    reading = _page(
        "关于加强金融服务民营企业的若干意见",
        "",
        "新华社北京2月14日电  近日，中共中央办公厅、国务院办公厅印发了《关于加强金融服务民营企业的若干意见》，全文如下。",
        "",
        "一、总体要求",
        "",
        "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神，加快完善支持民营企业的融资体制机制。",
    )
    assert [s.headline for s in reading.stories] == ["关于加强金融服务民营企业的若干意见"]
    assert [b.text for b in reading.stories[0].body if b.role == "subhead"] == ["一、总体要求"]


def test_two_line_section_head_right_under_the_lead_of_a_dated_report_stays_a_subhead():
    reading = _page(
        "外国媒体记者走进新疆",
        "",
        "感受和谐生活 认可治理成效",
        "",
        "新华社乌鲁木齐1月31日电  （记者孙哲）应邀来访的多国媒体记者近日走进新疆多地，参观企业、学校和乡村，"
        "与各族群众面对面交流。记者们表示，亲眼所见的新疆经济发展、社会安定，与一些西方媒体的描述完全不同，"
        "回国后将把看到的真实情况介绍给本国民众。",
        "",
        "社会稳定文化多元",
        "充分保护信仰自由",
        "",
        "台上歌舞不断，台下肉香四溢。一位资深编辑认为，旅游业的繁荣离不开安定祥和的环境，游客纷至沓来正是最好的证明。",
    )
    assert [s.headline for s in reading.stories] == ["感受和谐生活 认可治理成效"]
    assert [b.text for b in reading.stories[0].body if b.role == "subhead"] == ["社会稳定文化多元", "充分保护信仰自由"]


def test_short_line_over_the_rest_of_its_sentence_does_not_end_a_dated_report():
    reading = _page(
        "联合国呼吁国际社会向巴勒斯坦提供更多支持",
        "",
        "新华社拉姆安拉1月20日电  （记者陈霖）联合国负责人道主义事务的助理秘书长20日呼吁国际社会向巴勒斯坦提供更多支持，以缓解当地的人道主义危机。",
        "",
        "米勒近日对巴以地区",
        "",
        "进行了为期6天的访问，其间她会见了巴勒斯坦官员，重申联合国对解决巴勒斯坦人道主义需求的承诺，呼吁国际社会提供更多支持。",
    )
    assert len(reading.stories) == 1


def test_note_on_the_writer_closes_a_signed_piece():
    reading = _page(
        "为一带一路建设添砖加瓦（寄给祖国的家书）",
        "",
        "亲爱的爸爸妈妈：见字如面。今年春节我仍然在圭亚那的项目工地上度过，这里的同事们一起包饺子、贴春联，过了一个热闹的中国年。",
        "",
        "衷心祝愿祖国繁荣昌盛！",
        "",
        "（作者为中铁一局圭亚那公司项目商务经理）",
        "",
        "春天里的约定",
        "",
        "清晨六点，哨所的灯就亮了。战士们踏着积雪走上巡逻路，边防线上的界碑在朝阳里格外醒目。",
    )
    assert [s.headline for s in reading.stories] == ["为一带一路建设添砖加瓦（寄给祖国的家书）", "春天里的约定"]
    assert reading.stories[0].byline is None


def test_formulaic_closing_sentence_of_a_report_on_leaders_ends_it():
    reading = _page(
        "全国政协召开双周协商座谈会",
        "",
        "全国政协27日在京召开双周协商座谈会，围绕“推进长江生态保护修复”建言资政。委员们认为，要坚持生态优先、绿色发展，共抓大保护、不搞大开发。",
        "",
        "全国政协副主席卢展工、马飚、陈晓光参加座谈会。委员们还就做好长江流域禁捕退捕工作提出了具体建议。",
        "",
        "张庆黎、李斌、汪永清出席。",
        "",
        "长江禁捕　渔民上岸",
        "",
        "推进长江生态保护修复，委员们在座谈会上发言踊跃，就做好长江流域禁捕退捕、保障渔民生计提出了具体建议。",
    )
    assert [s.headline for s in reading.stories] == ["全国政协召开双周协商座谈会", "长江禁捕　渔民上岸"]


def test_contributor_post_and_spaced_name_under_a_headline_is_a_byline():
    reading = _page(
        "影片研讨会发言摘编",
        "",
        "编者按：国产科幻影片上映后引发观影热潮，本报邀请专家学者座谈，刊登部分发言，以飨读者。",
        "",
        "抓住机遇，加速电影工业化",
        "",
        "导演　韩　延",
        "",
        "中国电影工业化的进程正在加快，科幻片对特效制作、美术设计和项目管理都提出了更高的要求，也给年轻创作者带来了机遇。",
    )
    assert [(s.headline, s.byline) for s in reading.stories][-1] == ("抓住机遇，加速电影工业化", "导演　韩　延")


def test_box_of_briefs_names_itself_over_the_first_brief_and_holds_the_briefs():
    reading = _page(
        "城市更新要留住烟火气（创新谈）",
        "",
        "老街区改造，拆与留之间要多听居民意见。留住老街巷的烟火气，城市才有温度，居民才有归属感。",
        "",
        "新闻速递",
        "",
        P + "中国科技馆推出“空中课堂”",
        "",
        P + "本报电  中国科技馆日前推出“空中课堂”，组织科普专家录制系列短视频，向中小学生讲解科学知识。",
        "",
        P + "（喻思南）",
        "",
        P + "量子中继与网络技术实现新突破",
        "",
        P + "本报电  我国科研团队在量子中继与网络技术研究方面取得新进展，相关成果日前在国际学术期刊发表。",
        "",
        P + "（柯  文）",
    )
    # The box is one article under its name, as the paper files it; each brief keeps its headline
    # (a subhead), its text and its credit.
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        (None, "城市更新要留住烟火气（创新谈）"),
        (None, "新闻速递"),
    ]
    assert [(b.role, b.text[:10]) for b in reading.stories[1].body] == [
        ("subhead", "中国科技馆推出“空中"),
        ("body", "本报电  中国科技馆"),
        ("byline", "（喻思南）"),
        ("subhead", "量子中继与网络技术实"),
        ("body", "本报电  我国科研团"),
        ("byline", "（柯  文）"),
    ]


def test_photographers_credit_alone_after_the_text_ends_a_photo_item():
    reading = _page(
        "调试设备　助力复产",
        "",
        "2月22日，浙江长兴一家电子企业的工人在调试生产设备。当地出台多项措施帮助企业解决用工、物流等难题。",
        "",
        "谭云俸摄（影像中国）",
        "",
        "有序推动复工复产",
        "",
        "建立与防控相适应的经济社会运行秩序，有序推动复工复产，是当前的一项重要任务。各地要分区分级制定差异化措施。",
    )
    assert [s.headline for s in reading.stories] == ["调试设备　助力复产", "有序推动复工复产"]


def test_caption_carrying_its_own_credit_does_not_end_the_story():
    reading = _page(
        "春运返程高峰",
        "",
        "记者从铁路部门获悉，今年春运返程客流高峰已经到来，各地车站加开列车，全力保障旅客平安出行。",
        "",
        "旅客在车站候车（本报记者 张晋摄）",
        "",
        "加开列车",
        "",
        "铁路部门今天加开临时旅客列车一百多列，其中高铁动车组列车占多数，客流集中方向运力得到加强。",
    )
    assert [s.headline for s in reading.stories] == ["春运返程高峰"]


@pytest.mark.parametrize(
    "headline, paragraph",
    [
        # 年 closes a word here, not a year: only a digit before it makes a date cut in two.
        ("庆鱼年", "1月7日，成都都江堰市龙池镇高原村，村民们在观看今年的第一批捕捞。"),
        # Two phrases around one comma are a headline's build, not a sentence cut after its first clause.
        ("不图虚名，增收谋长远", "前不久，验收组来到新田村刘勋平家，验收脱贫成效，刘勋平算起了今年的收入账。"),
        ("疫情面前，于平凡中书写不凡", "新冠肺炎疫情发生以来，各行各业人员共同奋战在防控一线，打响了疫情防控的人民战争。"),
    ],
)
def test_headline_is_not_run_into_the_paragraph_under_it(headline, paragraph):
    reading = _page(
        "新田村的脱贫路",
        "",
        "新田村平均海拔1600多米，村民刘金平、刘勋平兄弟俩靠养殖脱了贫，今年又扩大了养殖规模。",
        "",
        headline,
        "",
        paragraph,
    )
    assert headline in [b.text for b in reading.blocks]


def test_sentence_leading_into_a_quotation_over_the_reporters_names_closes_the_report_not_opens_a_story():
    reading = _page(
        "家和万事兴",
        "",
        "新华社北京2月2日电  春节前夕，总书记来到北京的胡同看望慰问基层干部群众，给大家送去新春祝福。",
        "",
        "临近中午，闻讯赶来的居民挤满了街道，大家纷纷向总书记问好，现场响起一阵阵热烈的掌声。",
        "",
        "站在欢乐的人群中，总书记送上最美好的祝愿——",
        "",
        "新华社记者  张晓松",
        "",
        "本报记者  杜尚泽",
    )
    assert [s.headline for s in reading.stories] == ["家和万事兴"]


def test_quotation_between_a_leading_kicker_and_a_byline_is_the_headline():
    reading = _page(
        "新春走基层",
        "",
        "河北邢台市人民医院大夫邵鸿飞——",
        "",
        "急诊室里救治忙",
        "",
        "本报记者  史自强",
        "",
        "从穿上白大褂的那一刻起，邵鸿飞就明白这份工作的责任与意义，虽然假期很少，但一切付出都是值得的。",
        "",
        "",
        "“时代楷模”张黎明天天早起——",
        "",
        "“这个假期，很开心！”",
        "",
        "本报记者  朱  虹",
        "",
        "大年初五早上6点，寒风呼啸，配电抢修班班长张黎明一骨碌从床上爬起来，去小区查看线路。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories][-1] == ("“时代楷模”张黎明天天早起——", "“这个假期，很开心！”")


def test_series_title_alone_between_two_stories_becomes_the_kicker_of_the_story_under_it():
    reading = _page(
        "社区防控工作人员也要注意自我防护",
        "",
        "中国疾控中心专家提醒，社区防控工作人员接触返回人员时要佩戴医用外科口罩，每日两次测量体温。",
        "",
        "",
        "让党旗在防控疫情斗争第一线高高飘扬（来自疫情防控一线的报道）",
        "",
        "",
        "270多名工人党员昼夜奋战——",
        "",
        "火神山工地有支党员突击队",
        "",
        "本报记者 贺广华 程远州",
        "",
        "“这个时候我们党员不冲上去谁冲上去？”27日21时，张正林踩着泥水从混凝土搅拌施工场地走来。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        (None, "社区防控工作人员也要注意自我防护"),
        ("让党旗在防控疫情斗争第一线高高飘扬（来自疫情防控一线的报道）\n270多名工人党员昼夜奋战——", "火神山工地有支党员突击队"),
    ]


def test_short_line_under_a_lone_agency_credit_is_the_next_headline_not_a_caption():
    reading = _page(
        "图片报道",
        "",
        "2月14日，在巴基斯坦白沙瓦郊外的哈扎娜村，来自阿富汗的难民儿童在难民小学学习。",
        "",
        "新华社发",
        "",
        "",
        "英国高铁建设艰难重启",
        "",
        "日前，英国首相宣布重启连接伦敦和英国中北部地区城市的高铁2号线项目。该项目于2012年获批，一期工程原计划2026年通车。",
    )
    assert [s.headline for s in reading.stories] == ["图片报道", "英国高铁建设艰难重启"]
    assert [b.role for b in reading.blocks if b.text == "新华社发"] == ["caption"]


def test_letter_writers_note_with_a_bracketed_place_closes_the_letter():
    reading = _page(
        "不负军人职责，不负家人期盼（寄给祖国的家书）",
        "",
        "亲爱的爸爸妈妈：你们好！转眼间，我来到南苏丹已经半年了，这里的战友们一起过了一个特别的春节。",
        "",
        "敬礼！",
        "",
        "（作者为中国第五批赴南苏丹（朱巴）维和步兵营连长）",
        "",
        "春天里的约定",
        "",
        "清晨六点，哨所的灯就亮了。战士们踏着积雪走上巡逻路，边防线上的界碑在朝阳里格外醒目。",
    )
    assert [s.headline for s in reading.stories] == ["不负军人职责，不负家人期盼（寄给祖国的家书）", "春天里的约定"]


def test_contributors_name_with_post_in_brackets_is_a_byline_not_a_column_tag():
    reading = _page(
        "同舟共济　众志成城（我们的心声）",
        "",
        "编者按：疫情发生后，文艺界人士纷纷以不同方式表达对抗疫一线的敬意。本版选刊部分寄语。",
        "",
        "他们脸上有“大爱纵横”",
        "",
        "濮存昕（中国戏剧家协会主席）",
        "",
        "我和所有的朋友一样，心系武汉，心系奋战在一线的医务工作者，向他们致以崇高的敬意。",
        "",
        "用真心和爱心一起面对",
        "",
        "沈铁梅（重庆市川剧院院长）",
        "",
        "在疫情暴发时，我首先想到的就是保护好剧院的演员们，同时用川剧为抗疫一线加油鼓劲。",
    )
    # A title and its editor's note over signed pieces: one article, as the paper files it, each
    # piece under its headline with its writer's name as a byline (not a headline with a column tag).
    assert [s.headline for s in reading.stories] == ["同舟共济　众志成城（我们的心声）"]
    assert _headings_and_credits(reading.stories[0]) == [
        ("subhead", "他们脸上有“大爱纵横”"),
        ("byline", "濮存昕（中国戏剧家协会主席）"),
        ("subhead", "用真心和爱心一起面对"),
        ("byline", "沈铁梅（重庆市川剧院院长）"),
    ]


def test_heading_over_text_that_shares_a_few_of_the_storys_words_stays_a_subhead():
    # The text under 翰墨飘香 shares two pairs of characters (今年, 旅客) with the story above: on a
    # new subject, but not so far from it that the heading alone should open a story.
    reading = _page(
        "春运返程高峰",
        "",
        "记者从铁路部门获悉，今年春运返程客流高峰已经到来，各地车站加开列车，全力保障旅客平安出行。",
        "",
        "北京西站候车大厅里人头攒动，工作人员引导旅客有序进站，志愿者为行动不便的老人提供帮助。",
        "",
        "铁路部门提醒，返程旅客要合理安排出行时间，提前购票，错峰出行，并留意车站发布的信息。",
        "",
        "翰墨飘香",
        "",
        "家住城南的王大爷今年七十三岁，退休后迷上了书法，每天清晨都要在小区凉亭里写上两个钟头。他说，练字能修身养性，也能结交朋友，"
        "如今跟着他学写毛笔字的邻居已有二十多位，最小的才八岁。社区专门腾出一间活动室，添置了桌椅纸墨，大家有空就来切磋技艺，其乐融融。连路过的旅客也常驻足观看。",
    )
    assert [s.headline for s in reading.stories] == ["春运返程高峰"]


def test_joint_report_closed_by_its_reporters_note_with_a_bracketed_place_ends_there():
    reading = _page(
        "维和官兵的中国年",
        "",
        "除夕夜，中国第六批赴马里维和部队的官兵在营区包饺子、贴春联，通过视频向家人拜年，营区里一片欢声笑语。",
        "",
        "（本报马里加奥、刚果（金）布卡武电　记者吕强、周輖，高嵩、孙伯语参与采写）",
        "",
        "营区里的年夜饭",
        "",
        "除夕夜，维和部队营区里摆开了年夜饭，官兵们围坐在一起，通过视频向家人拜年。",
    )
    assert [s.headline for s in reading.stories] == ["维和官兵的中国年", "营区里的年夜饭"]
    assert reading.stories[0].line_end == 5


def test_two_phrases_finished_by_the_next_piece_are_a_paragraph_cut_by_a_column_break():
    reading = _page(
        "节后养护肠胃",
        "",
        "专家建议，节后饮食应及时恢复清淡，多吃蔬菜，少吃油腻，让肠胃慢慢恢复正常节律。",
        "",
        "春节假期，暴饮暴食会增加肠胃",
        "",
        "负担。让人不解的是，不少女性为了避免“节日胖”，吃很多水果，却也觉得不舒服。",
    )
    assert reading.stories[0].body[1].text.startswith("春节假期，暴饮暴食会增加肠胃负担。")


def test_readers_page_column_label_over_a_headline_opens_a_story():
    reading = _page(
        "仿古小镇为何昙花一现（来信调查）",
        "",
        "“我都苦等6年了！”一位饭店老板说，当初光装修就花了100多万元，希望小镇能够赶快发展起来。",
        "",
        "建议",
        "",
        "让基层留住年轻干部",
        "",
        "基层干部，尤其是乡镇一级干部，影响着基层治理的现状和未来，也影响着群众对小镇发展的信心。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories][-1] == ("建议", "让基层留住年轻干部")


def test_heading_over_a_few_paragraphs_closed_by_a_photographers_credit_opens_a_photo_item():
    reading = _page(
        "苏州工业园区优化营商环境",
        "",
        "去年7月，园区发布优化营商环境行动方案，从精简企业办事环节到降低运营成本，一揽子举措陆续落地。",
        "",
        "“以前不少外资企业只是将制造车间落户在园区，如今研发、服务等环节也正在逐步转移过来。”园区负责人说。",
        "",
        "喜上枝头",
        "",
        "1月1日，一名工人在重庆市北碚区正码头广场悬挂灯笼，迎接新年的到来。",
        "",
        "秦廷富摄（影像中国）",
        "",
        "工业利润增速由负转正",
        "",
        "本报北京1月1日电　国家统计局日前发布的工业企业财务数据显示，11月份全国规模以上工业企业利润总额同比增长。",
    )
    assert [s.headline for s in reading.stories] == ["苏州工业园区优化营商环境", "喜上枝头", "工业利润增速由负转正"]
    assert [b.text for b in reading.stories[1].body][0].startswith("1月1日")


def test_heading_over_paragraphs_without_a_photographers_credit_stays_a_subhead():
    reading = _page(
        "苏州工业园区优化营商环境",
        "",
        "去年7月，园区发布优化营商环境行动方案，从精简企业办事环节到降低运营成本，一揽子举措陆续落地。",
        "",
        "办事环节再精简",
        "",
        "通过人工智能审批系统，园区外资企业注册地址变更备案的时间由一个工作日缩短到一至两分钟。",
        "",
        "“以前不少外资企业只是将制造车间落户在园区，如今研发、服务等环节也正在逐步转移过来。”园区负责人说。",
    )
    assert [s.headline for s in reading.stories] == ["苏州工业园区优化营商环境"]
    assert [b.role for b in reading.stories[0].body] == ["body", "subhead", "body", "body"]


def test_photo_column_name_with_its_series_in_brackets_heads_a_story_and_is_no_caption():
    reading = _page(
        "社区书记周建秋：抗疫就是打仗",
        "",
        "“我在社区呆了一辈子了，情况熟，这些棘手工作我来做，群众更容易理解和接受。”周建秋说。",
        "",
        "图片报道（一线抗疫群英谱）",
        "",
        "上图：2月12日，武汉体育中心方舱医院，医护人员王鸿准备接收转运来的患者。",
        "",
        "王海燕摄（影像中国）",
    )
    assert [s.headline for s in reading.stories] == ["社区书记周建秋：抗疫就是打仗", "图片报道（一线抗疫群英谱）"]


def test_heading_over_the_summary_box_an_article_opens_with_is_a_headline():
    reading = _page(
        "女足备战奥运资格赛",
        "",
        "“有困难都要去克服，中国女足有优良的传统，我们不惧怕任何困难，会全力以赴去拼搏。”主教练说。",
        "",
        "“宅”在家也要勤锻炼",
        "",
        "核心阅读",
        "",
        "疫情期间，不少人居家时间变长。专家提醒，能站着别坐着，能坐着别躺着，动起来就比不动强。",
    )
    assert [s.headline for s in reading.stories] == ["女足备战奥运资格赛", "“宅”在家也要勤锻炼"]
    assert [b.role for b in reading.stories[1].body][0] == "subhead"


def test_readers_comment_column_name_after_a_cartoon_credit_opens_the_next_story_as_its_kicker():
    reading = _page(
        "与其“云孝顺”，不如常回家（来论）",
        "",
        "视频通话再方便，也代替不了面对面的陪伴。常回家看看，才是父母最想要的礼物。",
        "",
        "勾\xa0\xa0犇图\xa0\xa0羽\xa0\xa0生文",
        "",
        *_READERS_COLUMN[:7],
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        (None, "与其“云孝顺”，不如常回家（来论）"),
        ("来论", "小治理也需精细活"),
    ]


def test_close_of_a_letter_over_the_writers_signature_is_not_a_headline():
    reading = _page(
        "不负军人职责，不负家人期盼（寄给祖国的家书）",
        "",
        "亲爱的妻子：",
        "",
        "不多说了，你要照顾好自己和孩子，我要去执行任务了。作为一名光荣的中国维和军人，我必须时刻牢记祖国的嘱托。",
        "",
        "此致",
        "",
        "敬礼！",
        "",
        "米秀刚",
        "",
        "（作者为中国第五批赴南苏丹维和步兵营连长）",
    )
    assert [s.headline for s in reading.stories] == ["不负军人职责，不负家人期盼（寄给祖国的家书）"]
    # The close is text, and the signature and the note on the writer follow it in the letter.
    assert [(b.role, b.text) for b in reading.stories[0].body][-4:] == [
        ("body", "此致"),
        ("body", "敬礼！"),
        ("byline", "米秀刚"),
        ("byline", "（作者为中国第五批赴南苏丹维和步兵营连长）"),
    ]


def test_bare_name_the_dictionary_knows_for_a_person_signs_a_comment_under_its_headline():
    reading = _page(
        "共享优质教育，我们在路上（大家谈）",
        "",
        "面对技术进步给教育变革带来的影响，我们邀请了三位教育专家，与读者一起探索教育均衡问题的解决之道。",
        "",
        "——编\xa0\xa0者",
        "",
        "高质量发展教育信息化",
        "",
        "瞿振元",
        "",
        "当今世界，科技进步日新月异。在教育领域，教育信息化都受到高度重视。",
    )
    assert [(s.headline, s.byline) for s in reading.stories][-1] == ("高质量发展教育信息化", "瞿振元")


def test_on_an_indented_page_a_summary_line_cut_by_a_column_break_is_joined_though_its_rest_looks_like_a_headline():
    reading = _page(
        "人人有责，疫情防控从我做起（评论员观察）",
        "",
        P + "增强健康理念、提升疫情防控知识水平，提高文明素质和自我保护能力，是千",
        "",
        "家万户抵御疫情的最佳方式",
        "",
        P + "全国上下共同抗击新冠肺炎疫情之际，一则科普视频广为流传。画面中，一排火柴密集扎堆，点燃其中一根，根根都会被点燃。",
        "",
        P + "2月3日，中央政治局常委会召开会议，特别强调“进一步培养居民健康生活习惯”。这也说明，每个人都是疫情防控的主体。",
        "",
        P + "病毒无情人有情。“不添乱”“不侥幸”“不传谣”收获了广泛认同，无论身在何处，每个人都能为疫情防控出一份力。",
    )
    assert [s.headline for s in reading.stories] == ["人人有责，疫情防控从我做起（评论员观察）"]
    assert [b.text for b in reading.blocks if b.text.startswith("增强")] == ["增强健康理念、提升疫情防控知识水平，提高文明素质和自我保护能力，是千家万户抵御疫情的最佳方式"]


def test_next_figure_of_a_data_box_is_no_headline_though_a_dateline_follows_the_box():
    reading = _page(
        "去年我国服务进出口规模创新高",
        "",
        "实现旅游总收入近六万亿元",
        "",
        "52402亿",
        "",
        "去年我国服务进出口规模达52402亿元，增速高于世界主要经济体",
        "",
        "10.5%",
        "",
        "2018年旅游总收入同比增长10.5%",
        "",
        "本报北京2月12日电　（记者王珂）商务部服贸司负责人12日表示，去年我国服务进出口规模创历史新高。",
    )
    assert [s.headline for s in reading.stories] == ["实现旅游总收入近六万亿元"]


def test_headline_with_its_column_name_after_a_data_box_still_opens_a_story():
    reading = _page(
        "小南河的辣椒酱",
        "",
        "夜深人静，高挂的灯笼映红了村头的路，借着月色，冷菊贞在日记里写道：脱贫攻坚，一个都不能少。",
        "",
        "280多万",
        "",
        "截至2018年底，全国共有280多万驻村干部、第一书记",
        "",
        "909亿元",
        "",
        "2019年中央财政专项扶贫资金预算909.78亿元",
        "",
        "今年春晚不一般（今日谈）",
        "",
        "欢乐吉祥，喜气洋洋。走过30多年的春晚，已经成为我们辞旧迎新亲切而又充满期待的陪伴。",
    )
    assert reading.stories[-1].headline == "今年春晚不一般（今日谈）"


def test_issuer_and_date_signing_a_notice_close_it_and_the_heading_under_them_opens_the_next_story():
    reading = _page(
        "全国人民代表大会常务委员会公告",
        "",
        "第十三届全国人民代表大会常务委员会第九次会议决定，第十三届全国人民代表大会第二次会议于2019年3月5日在北京召开。",
        "",
        "特此公告。",
        "",
        "全国人民代表大会常务委员会",
        "",
        "2019年2月27日",
        "",
        "企地联动 创新添彩",
        "",
        "2月27日，江苏省淮安市金润印染有限公司纱线工人在纺织车间作业。",
        "",
        "王\xa0\xa0昊\xa0\xa0孙\xa0\xa0昊摄影报道（影像中国）",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [(None, "全国人民代表大会常务委员会公告"), (None, "企地联动 创新添彩")]
    assert [b.role for b in reading.blocks if b.text == "2019年2月27日"] == ["byline"]


def test_first_paragraph_cut_after_a_number_and_its_measure_word_is_joined_not_read_as_the_headline():
    reading = _page(
        "在日本，扔垃圾是“生存技能”(链接)",
        "",
        "在日本，扔垃圾是一件",
        "",
        "“天大的事”，是每个人都必须要掌握的“生存技能”。人们搬家之后最先需要搞清楚的事情便是垃圾如何分类。",
    )
    assert reading.stories[0].headline == "在日本，扔垃圾是“生存技能”(链接)"
    assert reading.stories[0].body[0].text.startswith("在日本，扔垃圾是一件“天大的事”")


def test_subhead_ending_in_a_number_and_measure_word_that_is_whole_is_not_joined():
    reading = _page(
        "女足奥运资格赛移师悉尼",
        "",
        "中国女足在澳大利亚布里斯班结束了小组赛，全队将稍作调整，随后前往悉尼备战。",
        "",
        "着手准备下一场",
        "",
        "根据赛程，中国女足将于3月6日和11日与韩国女足展开淘汰赛两回合的较量。",
    )
    assert [b.role for b in reading.stories[0].body] == ["body", "subhead", "body"]


def test_joint_report_credit_naming_places_and_reporters_closes_the_story():
    reading = _page(
        "国际社会积极评价中国抗击疫情",
        "",
        "多国人士表示，中国采取的防控措施有力有效，为全球公共卫生安全作出了重要贡献。",
        "",
        "（本报巴塞罗那、墨西哥城、巴黎电\xa0\xa0记者姜波、刘旭霞、刘玲玲）",
        "",
        "国际社会为我国防控疫情提供支持",
        "",
        "新冠肺炎疫情发生后，国际社会高度评价中国防控工作，纷纷以不同方式提供支持和帮助。",
    )
    assert [s.headline for s in reading.stories] == ["国际社会积极评价中国抗击疫情", "国际社会为我国防控疫情提供支持"]


def test_bracketed_reporters_credit_cut_by_a_column_break_is_joined_and_closes_the_story():
    reading = _page(
        "暖暖的新家",
        "",
        "一处处新房拔地而起，一户户群众喜迁新居，搬迁群众的日子越过越红火。",
        "",
        "（本报记者江琳、贺勇、朱磊、颜珂、郝迎灿、姚雪青",
        "",
        "、程远州采写）",
        "",
        "喜出深山",
        "",
        "近日，云南昭通多个县区的群众陆续从大山深处搬出，住进了宽敞明亮的新房。",
    )
    assert [s.headline for s in reading.stories] == ["暖暖的新家", "喜出深山"]
    assert any(b.text.endswith("姚雪青、程远州采写）") for b in reading.blocks)


def test_blank_lines_under_a_photo_caption_do_not_make_the_subhead_under_it_a_headline():
    reading = _page(
        "记者新春探访乡村治理",
        "",
        "村子大家管，日子更美满。记者春节期间走访多个村庄，看到乡村治理带来的新变化。",
        "",
        "",
        "",
        "图为村民在新建的公园里健身（本报记者 王晓丽摄）",
        "",
        "",
        "",
        "身边有了大公园",
        "",
        "村里新建占地275亩的公园，有老年广场、儿童广场、篮球场、足球场，还有河道、健身步道",
        "",
        "等设施，每到傍晚，村民们都来这里散步、跳广场舞。",
    )
    assert [s.headline for s in reading.stories] == ["记者新春探访乡村治理"]
    assert "身边有了大公园" in [b.text for b in reading.stories[0].body if b.role == "subhead"]


def test_on_an_indented_page_an_indented_sentence_broken_inside_a_word_goes_on_in_the_short_flush_piece():
    reading = _page(
        "人工增雪催化剂影响健康？（求证）",
        "",
        P + "近年来，各地开展人工增雪作业，有网友担心所用催化剂会影响健康。记者就此采访了有关专家，专家一一作了解答。",
        "",
        P + "“人工影响天气作业是局部的，使用催化剂是微量的，作业时间和影响范围是有限的，不会对健康造成影响。”",
        "",
        P + "回应：天气系统上游地区人工增雪，对下",
        "",
        "游地区降雪量不会产生影响",
        "",
        P + "有人担心：天气系统的上游地区开展人工增雪，会对下游地区的降雪量产生影响。专家表示，这种担心是不必要的。",
    )
    assert [s.headline for s in reading.stories] == ["人工增雪催化剂影响健康？（求证）"]
    assert "回应：天气系统上游地区人工增雪，对下游地区降雪量不会产生影响" in [b.text for b in reading.blocks]


def test_box_of_briefs_name_marked_up_as_a_headline_is_the_kicker_of_the_first_briefs_headline():
    reading = _page(
        "## 营商环境好了 市场主体多了",
        "",
        "去年以来，各地持续优化营商环境，新设市场主体数量保持较快增长。",
        "",
        "# 速览",
        "",
        "加强绿色数据中心建设",
        "",
        "本报北京2月14日电　工信部等三部门日前出台了《关于加强绿色数据中心建设的指导意见》。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories][-1] == ("速览", "加强绿色数据中心建设")


def test_reporters_credit_for_an_account_they_wrote_down_is_a_byline_that_opens_the_story():
    reading = _page(
        "人人出力 家园更美（小康路上·绿色力量）",
        "",
        "我国大规模国土绿化行动不断推进，越来越多的人投身植树造林，家园变得更美。",
        "",
        "从黄风摆浪到松涛起伏",
        "",
        "本报记者\xa0\xa0乔\xa0\xa0栋整理",
        "",
        "我是山西桑干河杨树丰产林实验局的一名职工，在林场工作了三十多年，亲眼看着荒滩变成了林海。",
    )
    assert [(s.headline, s.byline) for s in reading.stories][-1] == ("从黄风摆浪到松涛起伏", "本报记者\xa0\xa0乔\xa0\xa0栋整理")


def test_quoted_headline_signed_with_a_bare_name_opens_a_comment():
    reading = _page(
        "见证守望相助的力量（大家谈）",
        "",
        "疫情发生以来，各行各业的人们守望相助，汇聚起战胜疫情的强大力量。本期大家谈，听听他们的感受。",
        "",
        "“我们不上谁上？”",
        "",
        "谭志伟",
        "",
        "除夕夜，接到医院的通知，我和同事们第一时间赶回岗位。作为医生，这是我们的职责所在。",
    )
    assert [(s.headline, s.byline) for s in reading.stories][-1] == ("“我们不上谁上？”", "谭志伟")


def test_heading_over_a_paragraph_opening_as_paragraphs_do_is_not_joined_to_it_by_a_chance_word_across_the_seam():
    reading = _page(
        "菜价总体平稳",
        "",
        "记者走访多家超市看到，蔬菜、肉蛋奶货源充足，价格总体平稳，市民购物秩序井然。",
        "",
        "确保居民生活必需品供应",
        "",
        "当前，疫情防控正处于关键时期，切实维护正常经济社会秩序至关重要，要确保蔬菜、肉蛋奶等供应。",
    )
    assert "确保居民生活必需品供应" in [b.text for b in reading.blocks]


def test_heading_line_printed_twice_does_not_hide_the_byline_under_it():
    reading = _page(
        "河北省德胜村",
        "",
        "村民",
        "",
        "徐海成",
        "",
        "前年，总书记在我家开过座谈会，这让我备受鼓舞。村里的日子一年比一年好，我们有信心过上更好的生活。",
        "",
        "山西省宋家沟村",
        "",
        "村民",
        "",
        "村民",
        "",
        "周明则",
        "",
        "在电视里收看新年贺词，越看越有干劲。去年村里修了新路，盖起了新房，游客也多了起来。",
    )
    assert [(s.kicker, s.headline, s.byline) for s in reading.stories] == [
        ("河北省德胜村", "村民", "徐海成"),
        ("山西省宋家沟村", "村民", "周明则"),
    ]
    assert [(b.role, b.line_start) for b in reading.blocks if b.line_start in (11, 13, 15)] == [
        ("headline", 11),
        ("duplicate", 13),
        ("byline", 15),
    ]


def test_contributor_whose_post_names_a_body_in_brackets_signs_a_comment_of_its_own():
    reading = _page(
        "中式科幻大片的开山之作",
        "",
        "北京大学艺术学院院长　王一川",
        "",
        "这部影片把中国人的家园情怀带进了科幻电影，让观众看到了中国电影工业的新高度，也看到了年轻创作者的担当。",
        "",
        "形成合力，拍摄更多科幻大片",
        "",
        "国防科工局（国家航天局）新闻办副主任　孟　华",
        "",
        "探月工程经过十五年的奋斗，实现了五战五捷。我们愿意为电影创作者提供更多的航天知识和素材，一起讲好中国故事。",
    )
    assert [(s.headline, s.byline) for s in reading.stories] == [
        ("中式科幻大片的开山之作", "北京大学艺术学院院长　王一川"),
        ("形成合力，拍摄更多科幻大片", "国防科工局（国家航天局）新闻办副主任　孟　华"),
    ]


def test_bare_name_between_a_headline_and_its_summary_line_is_the_byline():
    # Every line indented, as the page prints it.
    reading = _page(
        *(
            P + line if line else line
            for line in (
                "陕西师范大学",
                "",
                "爱国励志延安行",
                "",
                "王\xa0楠",
                "",
                "■组织寒假留校受助学生开展爱国励志延安行游学活动",
                "",
                "1月27至28日，陕西师范大学党委学工部（学生处）学生资助管理中心组织寒假留校受助学生赴延安开展"
                "“微爱·远行——爱国励志延安行”游学活动，拜谒中华始祖圣地黄帝陵、轩辕庙，参观王家坪、枣园。",
                "",
                "学校负责人介绍，此次活动进一步加强了受助学生的传统文化教育、爱国主义教育、红色革命教育，"
                "引导他们青春建功新时代，争做有为新青年，大大激发和增强了受助学生的民族自豪感和爱国情怀。",
                "",
                "东北林业大学",
                "",
                "精准走访送慰问",
                "",
                "李玉荣",
                "",
                "■学校派出慰问家访组前往学生家中开展新春慰问家访",
                "",
                "东北林业大学的老师一直牵挂着已回家过年的家庭经济困难学生和边远地区的少数民族学生。",
            )
        )
    )
    assert [(s.kicker, s.headline, s.byline) for s in reading.stories] == [
        ("陕西师范大学", "爱国励志延安行", "王\xa0楠"),
        ("东北林业大学", "精准走访送慰问", "李玉荣"),
    ]
    assert reading.stories[1].body[0].text.startswith("■学校派出")


def test_couplets_signed_one_by_one_stay_in_their_collection():
    reading = _page(
        "春联里的心里话",
        "",
        "每逢春节，家家户户都会在门上贴一副喜庆祥和的春联。今年我们征集了读者的春联，选登如下。",
        "",
        "庚子山河秀",
        "",
        "春风福寿多",
        "",
        "（丁潭清）",
        "",
        "福瑞启春，感恩天地迎新岁",
        "",
        "吉祥行世，着意江山续化年",
        "",
        "（荷　砚）",
        "",
        "情寄鼠毫描幸福",
        "",
        "岁开鸿运纳祯祥",
        "",
        "（肖良平）",
    )
    assert [s.headline for s in reading.stories] == ["春联里的心里话"]
    assert "岁开鸿运纳祯祥" in [b.text for b in reading.stories[0].body]


def test_question_put_in_a_commentary_does_not_open_a_story_though_its_answer_uses_new_words():
    reading = _page(
        "“快思维”与“慢思维”（人民论坛）",
        "",
        "有这样两则案例。一则是，雄安新区经过多次会议部署、实地调研、科学论证，规划编制工作历时两年才完成；"
        "另一则是，某地为了尽快出政绩，一个项目从立项到开工只用了一个月，结果留下了不少隐患，群众颇有怨言。",
        "",
        "为什么有的领域追求快，有的建设却并不急于出效果？",
        "",
        "快有快的追求。“时间就是金钱，效率就是生命”的标语，曾引领深圳特区跑出了惊人的速度。"
        "慢有慢的考虑。十年磨一剑与一年磨十剑，品质自然有差别，不是任何事情都能一蹴而就。",
    )
    assert [s.headline for s in reading.stories] == ["“快思维”与“慢思维”（人民论坛）"]


def test_summary_line_cut_by_a_column_break_under_the_headline_opens_no_story():
    reading = _page(
        "国办印发意见",
        "",
        "切实支持小微企业和“三农”发展",
        "",
        P + "■国家融资担保基金再担保业务收费一般不高于省级担保、再担保基金（机构），引导合作机构逐步将平均担保费率降至1%以下",
        "",
        P + "■原则上国",
        "",
        "家融资担保基金和银行业金融机构承担的风险责任比例均不低于20%",
        "",
        P + "■重点支持单户担保金额500万元及以下小微企业",
        "",
        "和“三农”主体",
        "",
        P + "据新华社北京2月14日电　日前，国务院办公厅印发《关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见》。",
        "",
        P + "《意见》强调，要以习近平新时代中国特色社会主义思想为指导，坚持聚焦支小支农融资担保主业，切实降低担保费率。",
    )
    assert [s.headline for s in reading.stories] == ["切实支持小微企业和“三农”发展"]


def test_kicker_naming_a_place_with_a_colon_heads_the_story_under_it():
    reading = _page(
        "七部门开展消费扶贫行动",
        "",
        "本报北京2月17日电　国家发展改革委等七部门日前联合印发通知，鼓励各级预算单位优先采购贫困地区农副产品。",
        "",
        "",
        "拉萨：",
        "",
        "民生物资供应充足",
        "",
        "随着藏历新年的临近，拉萨市积极保障节日供应和市场价格平稳，蔬菜、肉类、粮油等民生物资储备充足。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        (None, "七部门开展消费扶贫行动"),
        ("拉萨：", "民生物资供应充足"),
    ]


def test_paragraph_introducing_a_list_with_a_colon_is_no_kicker():
    reading = _page(
        "节后，养护肠胃的办法",
        "",
        "春节期间，不少人饮食不规律，节后肠胃容易出现不适。",
        "",
        "专家建议：",
        "",
        "饮食要清淡，少吃油腻和辛辣的食物，多喝温水，规律作息。",
    )
    assert [b.role for b in reading.stories[0].body][:2] == ["body", "body"]


def test_headline_with_a_column_name_joined_by_a_dot_is_no_signature():
    reading = _page(
        "新家过新年",
        "",
        "本报昆明1月9日电　云南各地搬迁群众在新家里迎来了第一个新年，家家户户贴上了春联。",
        "",
        "（本报记者江琳、贺勇采写）",
        "",
        "",
        "",
        "喜出深山（记录中国·暖暖的新家）",
        "",
        "近日，云南昭通多个县区的群众陆续从大山深处搬出，住进了县城的安置区。",
    )
    assert [s.headline for s in reading.stories] == ["新家过新年", "喜出深山（记录中国·暖暖的新家）"]


def test_heading_over_a_paragraph_opening_with_a_time_phrase_is_not_joined_to_it_by_a_chance_word():
    reading = _page(
        "数读",
        "",
        "152亿美元\xa0\xa01月份我国外汇储备增长",
        "",
        "本报北京2月11日电　国家外汇管理局11日发布的数据显示，截至1月末，我国外汇储备规模较上月末上升。",
        "",
        "10.6%\xa0\xa0春节假期民航运送旅客增长",
        "",
        "春节期间，民航运行安全平稳有序，共运送旅客1258.6万人次，同比增长10.6%。",
    )
    assert "10.6%\xa0\xa0春节假期民航运送旅客增长" in [b.text for b in reading.blocks]


def test_lead_sentence_printed_without_its_full_stop_under_a_brief_headline_is_text_of_the_brief():
    reading = _page(
        "数读",
        "",
        "152亿美元\xa0\xa01月份我国外汇储备增长",
        "",
        "截至2019年1月末，我国外汇储备规模为30879亿美元，较2018年12月末上升152亿美元",
        "",
        "本报北京2月11日电　国家外汇管理局11日发布的数据显示，今年1月，我国外汇市场供求基本平衡，跨境资金流动总体稳定。",
    )
    story = reading.stories[0]
    assert story.subtitle is None
    assert story.body[0].text.startswith("截至2019年1月末")


def test_long_unpunctuated_title_after_a_closing_credit_is_not_joined_to_the_line_under_it():
    reading = _page(
        "快递小哥坚守岗位",
        "",
        "疫情期间，快递员冉昊每天往返于医院和社区之间，把市民网购的防护用品送到他们手中，从不耽误。",
        "",
        "（本报记者申少铁、程远州）",
        "",
        "国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于印发企事业单位复工复产疫情防控措施指南的通知",
        "",
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "",
        "《企事业单位复工复产疫情防控措施指南》已经中央应对新型冠状病毒感染肺炎疫情工作领导小组同意，现印发给你们，请结合实际抓好贯彻落实。",
    )
    assert [s.headline for s in reading.stories] == [
        "快递小哥坚守岗位",
        "国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于印发企事业单位复工复产疫情防控措施指南的通知",
    ]
    assert reading.stories[1].body[0].text == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："


def test_title_of_a_document_printed_in_full_under_its_report_does_not_open_a_story():
    reading = _page(
        "中共中央办公厅印发",
        "",
        "纪检监察机关处理检举控告工作规则",
        "",
        "新华社北京2月3日电\u3000\u3000近日，中共中央办公厅印发了《纪检监察机关处理检举控告工作规则》，并发出通知，要求各地区各部门认真遵照执行。",
        "",
        "《规则》全文如下。",
        "",
        "纪检监察机关处理",
        "",
        "检举控告工作规则",
        "",
        "（2020年1月2日中共中央政治局常委会会议审议批准\xa02020年1月21日中共中央办公厅发布）",
        "",
        "第一章\xa0\xa0总\xa0\xa0则",
        "",
        "第一条\xa0\xa0为了规范纪检监察机关处理检举控告工作，保障党员、群众行使监督权利，制定本规则。",
    )
    assert [s.headline for s in reading.stories] == ["纪检监察机关处理检举控告工作规则"]
    assert "第一条" in reading.stories[0].body[-1].text


def test_items_of_a_list_ending_with_semicolons_are_not_joined_into_one_paragraph():
    reading = _page(
        "纪检监察机关处理检举控告工作规则",
        "",
        "第十条\u3000\u3000有下列情形之一的，纪检监察机关应当对检举控告的办理进行督办：",
        "",
        "（一）上级机关交办的检举控告，经过较长时间仍未办结、群众反复检举控告的；",
        "",
        "对群众反映强烈、社会影响较大的问题，相关机关未及时研究处理意见或者补报有关材料的；",
        "",
        "（四）其他需要督办的情形。",
    )
    assert [b.text[:5] for b in reading.stories[0].body] == ["第十条\u3000\u3000", "（一）上级", "对群众反映", "（四）其他"]


def test_short_piece_cut_inside_a_word_is_joined_though_the_rest_opens_with_a_place():
    reading = _page(
        "小山村迎来新变化",
        "",
        "走进北红村，一排排新房整齐排列，村道干净整洁，村民们脸上洋溢着笑容。",
        "",
        "作为镇上唯",
        "",
        "一的贫困村，北红村曾经由于产业结构单一，村民收入长期偏低，年轻人纷纷外出打工。",
    )
    assert [b.text[:5] for b in reading.stories[0].body] == ["走进北红村", "作为镇上唯"]
    assert reading.stories[0].body[1].text.endswith("外出打工。")


def test_paragraph_cut_a_few_words_into_its_last_sentence_is_joined_though_the_rest_opens_like_a_paragraph():
    reading = _page(
        "自贸试验区建设提速",
        "",
        "开放的大门越开越大，营商环境持续改善，看得很长远。建设自贸",
        "",
        "试验区，不仅有助于降低关税、便利贸易，更能倒逼改革、扩大开放，为高质量发展注入动力。",
    )
    body = reading.stories[0].body
    assert len(body) == 1 and body[0].text.endswith("注入动力。")


@pytest.mark.parametrize("note", ["（本系列评论到此结束）", "（应受访者要求，周韵娇为化名）", "（嘉\u3000木）", "（文\u3000漪整理）", "（摘编自1月16日《湖南日报》）"])
def test_rare_closing_note_ends_its_story_and_the_heading_under_it_opens_the_next(note):
    reading = _page(
        "让奋斗成为青春最亮丽的底色",
        "",
        "青春是用来奋斗的。面对新时代的新要求，青年人要勇于担当、敢于创新，在平凡的岗位上干出不平凡的业绩。",
        "",
        note,
        "",
        "冰雪运动热起来",
        "",
        "随着北京冬奥会日益临近，越来越多的市民走上冰场雪场，体验冰雪运动带来的快乐。",
    )
    assert [s.headline for s in reading.stories] == ["让奋斗成为青春最亮丽的底色", "冰雪运动热起来"]


def test_stray_mark_between_a_headline_and_its_byline_does_not_part_them():
    reading = _page(
        "他们脸上有“大爱纵横”",
        "",
        "濮存昕（中国戏剧家协会主席）",
        "",
        "我和所有的朋友一样，心系武汉，心系奋战在湖北及各地的抗击疫情第一线的医护人员。",
        "",
        "我们众志成城",
        "",
        "、",
        "",
        "吕继宏（原中国人民解放军海军政治工作部文工团副团长）",
        "",
        "我在今年央视元宵节特别节目上唱了抗击疫情的歌曲《我们众志成城》，这么多年来，第一次唱歌唱到流泪。",
    )
    assert [(s.headline, s.byline) for s in reading.stories] == [
        ("他们脸上有“大爱纵横”", "濮存昕（中国戏剧家协会主席）"),
        ("我们众志成城", "吕继宏（原中国人民解放军海军政治工作部文工团副团长）"),
    ]
    assert ("fragment", "、") in [(b.role, b.text) for b in reading.blocks]


def test_two_long_summary_lines_without_full_stops_are_not_joined_into_one():
    reading = _page(
        "让乡村振兴的活水流起来（话说新农村）",
        "",
        "让人才“流”入乡，让钱“流”进村，让土地“活”起来，不断激发乡村发展的内生动力和发展活力",
        "",
        "各地要把各类人才的积极性调动起来，把各方面的资源要素汇聚起来，让乡村振兴有人有钱有地",
    )
    body = reading.stories[0].body
    assert body[0].text.endswith("发展活力") and body[1].text.startswith("各地要把")


def test_appointments_listed_one_a_paragraph_ending_with_semicolons_are_not_joined():
    reading = _page(
        "国家主席习近平任免驻外大使",
        "",
        "新华社北京2月3日电\u3000\u3000中华人民共和国主席习近平根据全国人民代表大会常务委员会的决定，任免驻外特命全权大使如下：",
        "",
        "免去杨健的中华人民共和国驻文莱达鲁萨兰国特命全权大使职务；",
        "",
        "任命于红（女）为中华人民共和国驻文莱达鲁萨兰国特命全权大使。",
    )
    assert [b.text[:4] for b in reading.stories[0].body] == ["新华社北", "免去杨健", "任命于红"]


def test_lines_of_a_rhymed_caption_each_on_its_own_line_are_not_joined():
    reading = _page(
        "消费升级新气象",
        "",
        "春节期间，各地商场人气火爆，智能家电、文创产品成为新宠，消费升级的步伐明显加快。",
        "",
        "科技花开醉人眼，",
        "",
        "消费升级新气象。",
    )
    assert [b.text for b in reading.stories[0].body][1:] == ["科技花开醉人眼，", "消费升级新气象。"]


def test_subhead_is_not_joined_to_its_paragraph_by_a_chance_word_across_the_seam():
    reading = _page(
        "关于加强党的政治建设的意见",
        "",
        "党的政治建设是党的根本性建设，决定党的建设方向和效果，事关统揽推进伟大斗争、伟大工程、伟大事业、伟大梦想。",
        "",
        "六、强化组织实施",
        "",
        "加强党的政治建设是一项重大艰巨的任务，必须加强领导、周密部署，以钉钉子精神抓好落实、取得成效。",
    )
    assert [b.role for b in reading.stories[0].body] == ["body", "subhead", "body"]


def test_long_wish_closing_a_letter_over_its_signature_opens_no_story():
    reading = _page(
        "书写维和军人的荣耀",
        "",
        "亲爱的爸妈：",
        "",
        "不知不觉中，和你们分别有两年时间了。我时常会怀念一家三口在一起时的温暖、感动和惬意。",
        "",
        "祝你们在新的一年身体健康，万事如意，期待完成任务跟你们重逢的那一天！",
        "",
        "葛作东",
        "",
        "（作者为第六批赴马里维和警卫二中队战士，本报记者吕强整理）",
    )
    assert [s.headline for s in reading.stories] == ["书写维和军人的荣耀"]


def test_subhead_set_with_a_bullet_is_not_joined_to_the_paragraph_under_it():
    reading = _page(
        "长江经济带生态环境持续改善",
        "",
        "近年来，沿江各地坚持生态优先、绿色发展，长江经济带生态环境保护发生了转折性变化。",
        "",
        "●增绿，促生态修复",
        "",
        "溯江而上，云南省丽江市华坪县，一座座曾经光秃秃的矿山披上了绿装，当地群众说呼吸都痛快了。",
    )
    assert [(b.role, b.text[:5]) for b in reading.stories[0].body] == [("body", "近年来，沿"), ("subhead", "●增绿，促"), ("body", "溯江而上，")]


def test_summary_points_in_clauses_under_a_headline_are_text_each_on_its_own():
    reading = _page(
        "如何使用酒精居家消毒？（服务窗）",
        "",
        "●避开点火源，不在厨房等有明火、高温设备的地方使用，喷酒精时不抽烟",
        "",
        "●避免在相对密闭的较小空间内大量使用，防止形成高浓度的酒精蒸汽",
        "",
        "疫情防控期间，不少家庭使用酒精进行居家消毒。使用75%的医用酒精消毒究竟会不会引起火灾，应该如何正确使用？",
    )
    story = reading.stories[0]
    assert story.subtitle is None
    assert [b.text[:3] for b in story.body] == ["●避开", "●避免", "疫情防"]


def test_quoted_exclamation_set_apart_by_blank_lines_over_prose_opens_a_story():
    reading = _page(
        "春节期间全国道路交通安全平稳",
        "",
        "据介绍，春节期间全国高速公路交通流量与去年春运同期相比下降53%，主干公路通行正常。",
        "",
        "同时，各地公安交管部门改进服务方式，调整办理时间，大力推行网上办理业务。",
        "",
        "",
        "",
        "“此刻，我们也是战士！”",
        "",
        "2月2日下午，坐上北京西站至长沙南站的G503列车，记者和列车长赵斌聊了起来。",
        "",
        "赵斌今年39岁，当车长已有15年，现在是高铁动车一队的列车长。",
    )
    assert [s.headline for s in reading.stories] == ["春节期间全国道路交通安全平稳", "“此刻，我们也是战士！”"]



def test_photographers_credit_closes_a_photo_item_whose_text_reads_as_a_caption():
    reading = _page(
        "建设美丽宜居乡村",
        "",
        "“绿树村边合，青山郭外斜”，欣欣向荣的田园风光人人向往。科学规划，让农村成为安居乐业的幸福家园。",
        "",
        "迎来莲藕丰收季",
        "",
        "寒冬时节，河北省广平县胜营镇的莲藕迎来了丰收季。图为胜营镇农户在收获莲藕。",
        "",
        "程学虎摄（影像中国）",
        "",
        "从粗放生产到自动化管理",
        "",
        "集约养殖收益高",
        "",
        "走进山东沂南蒲汪镇内的蛋鸡养殖基地，节能空调与空气净化系统24小时运转，场内不见粪污，处处有序、干净。",
    )
    assert [s.headline for s in reading.stories] == ["建设美丽宜居乡村", "迎来莲藕丰收季", "集约养殖收益高"]
    assert reading.stories[2].kicker == "从粗放生产到自动化管理"


def test_short_line_of_a_news_reports_own_words_is_a_cut_sentence_not_the_next_items_headline():
    reading = _page(
        "确保春节期间猪肉市场供应稳定",
        "",
        "新华社南宁1月17日电  中共中央政治局委员、国务院副总理胡春华17日在广西南宁调研猪肉保供稳价工作。"
        "他强调，要深入贯彻党中央、国务院决策部署，扎实有力做好春节期间猪肉供应保障工作。",
        "",
        "胡春华在调研中详细询问了今年生猪出栏、冻肉储备投放和运输保障的情况，要求各级政府切实负起稳产保供的责任。",
        "",
        "胡春华先",
        "",
        "后来到青秀区麻村的农贸集市和一家屠宰企业，察看货品摆放和价格标签，听取经营户意见。",
        "",
        "随后召开座谈会，听取自治区有关部门和企业负责人的意见建议。",
    )
    assert [s.headline for s in reading.stories] == ["确保春节期间猪肉市场供应稳定"]


def test_line_over_a_paragraph_opening_with_the_last_words_of_its_sentence_is_cut_not_a_headline():
    reading = _page(
        "李克强赴武汉考察指导疫情防控工作",
        "",
        "新华社武汉1月27日电  受习近平总书记委托，中共中央政治局常委、国务院总理李克强27日赴武汉考察指导疫情防控工作，看望慰问患者和奋战在一线的医务人员。",
        "",
        "李克强来到金银潭医院，通过视频察看重症监护室救治情况，叮嘱医护人员做好防护，全力以赴救治患者。",
        "",
        "市民的菜篮子李克强牵挂",
        "",
        "于心。傍晚时分，武商超市里货架充足，青菜每斤两元，鸡蛋和猪肉价格也没有上涨。",
        "",
        "购物的老人告诉总理，家门口买菜方便，不用囤货。",
    )
    assert [s.headline for s in reading.stories] == ["李克强赴武汉考察指导疫情防控工作"]


def test_cartoon_credit_with_the_artists_pen_name_spaced_out_is_a_byline():
    reading = _page(
        "图片报道",
        "",
        "被汗水浸得发白起皱的双手，是男护士王涛一天忙碌的见证；雨中站岗的民警，守护着城市的安宁。",
        "",
        "宜\u3000\u3000桐图\u3000\u3000孙\u3000\u3000昊文",
        "",
        "徐\u3000\u3000骏图（新华社发）\u3000\u3000苏\u3000\u3000砥文",
    )
    assert [b.role for b in reading.blocks if "文" in b.text[-1:]] == ["byline", "byline"]
    assert [s.headline for s in reading.stories] == ["图片报道"]


def test_line_over_a_dash_subtitle_is_the_headline_though_a_data_box_stands_under_them():
    reading = _page(
        "参与全球经济治理体系变革",
        "",
        "——把握我国发展重要战略机遇新内涵述评之五",
        "",
        "93个　75亿",
        "",
        "亚投行持续扩容，成员从57个增至93个",
        "",
        "当今世界正经历百年未有之大变局，全球经济治理体系变革正处在历史转折点上，我国积极参与其中。",
    )
    story = reading.stories[0]
    assert (story.kicker, story.headline) == (None, "参与全球经济治理体系变革")
    assert story.subtitle.startswith("——把握我国发展重要战略机遇新内涵述评之五")


def test_photographers_credit_with_its_label_and_agency_is_a_credit_not_a_headline():
    reading = _page(
        "豆花儿三开（泥土芬芳）",
        "",
        "小时候，村里谁家做豆腐，满院子都是豆香。点豆花要等三开，火候一到，卤水一点，豆花就成了。",
        "",
        "摄影：陈广程\u00a0\u00a0李远波（影像中国）",
    )
    assert [s.headline for s in reading.stories] == ["豆花儿三开（泥土芬芳）"]
    assert reading.blocks[-1].role == "byline"


def test_short_line_set_apart_under_a_picture_sources_credit_is_the_next_headline_not_a_caption():
    reading = _page(
        "团圆此时",
        "",
        "年夜饭的香气从厨房飘出来，一家人围坐在桌前，说着一年的收获和来年的打算。",
        "",
        "除夕，只有团圆，没有离别，多好。",
        "",
        "图片来源：人民视觉",
        "",
        "",
        "",
        "除夕正当红",
        "",
        "这或许是最适合为梦想剪彩的日子，我们每个人都是自己的嘉宾，是仪式的主角。",
    )
    assert [s.headline for s in reading.stories] == ["团圆此时", "除夕正当红"]


def test_note_in_brackets_closing_a_line_of_a_programme_or_of_particulars_is_no_column_name():
    reading = _page(
        "中央广播电视总台春节联欢晚会",
        "",
        "今年的春晚以“共圆小康梦，欢乐过大年”为主题，设北京主会场和粤港澳大湾区分会场。",
        "",
        "（1）歌曲《万里长城永不倒》\u3000表演：成龙（中国香港）",
        "",
        "（2）歌曲《黄河颂》（节选）",
        "",
        "演出将于除夕晚八点开始，各频道同步直播，海外观众也可以通过网络收看。",
        "",
        "时间：9：00—11：00和14：00—17：00（节假日休息）",
        "",
        "观众可提前在网上预约，凭身份证件入场，现场不设售票窗口。",
    )
    assert [s.headline for s in reading.stories] == ["中央广播电视总台春节联欢晚会"]


def test_figure_of_few_characters_in_a_data_box_is_a_heading_of_the_box_not_a_paragraph():
    reading = _page(
        "春节假期全国电影票房创新高",
        "",
        "票房口碑双丰收",
        "",
        "58.4亿元",
        "",
        "今年春节假期全国电影票房达58.4亿元，较去年同期增长1.2%，创同期历史新高",
        "",
        "83.9分",
        "",
        "调查显示，今年春节档电影观众满意度调查得分83.9分，获“满意”评价",
        "",
        "本报北京2月11日电  （记者王珏）国家电影局发布数据，今年春节假期全国城市院线票房达58.4亿元，观影人次1.3亿。",
    )
    assert [s.headline for s in reading.stories] == ["票房口碑双丰收"]


def test_line_naming_a_source_over_the_verb_of_its_report_is_a_cut_sentence_not_a_headline():
    reading = _page(
        "俄罗斯总统普京访问叙利亚",
        "",
        "新华社大马士革1月7日电  俄罗斯总统普京7日抵达叙利亚首都大马士革，对叙利亚进行访问。这是普京首次访问大马士革。",
        "",
        "普京此行在俄军驻叙利亚部队指挥部听取了军方关于当地局势的汇报，并同叙方官员举行了会晤。",
        "",
        "据叙利亚国家电视台",
        "",
        "报道，两国元首在一处营地举行会谈，双方共同听取了有关军事形势的汇报。",
        "",
        "巴沙尔对普京来访表示感谢，会谈持续了约一个小时。",
    )
    assert [s.headline for s in reading.stories] == ["俄罗斯总统普京访问叙利亚"]


def test_kicker_of_three_short_phrases_leading_into_its_headline_opens_the_next_story():
    reading = _page(
        "长江上游的鱼回来了",
        "",
        "记者来到四川省的一个养殖基地，池塘里的裂腹鱼正在欢快地游动，这里的鱼苗还供应给水产站增殖放流。",
        "",
        "“现在，村里再搞别的产业，都得评估下是否会有污染、会不会影响裂腹鱼养殖。”村干部说。",
        "",
        "",
        "拆塘还湖，生态修复，海南儋州——",
        "",
        "潟湖重生记",
        "",
        "海南省儋州市峨蔓镇的上、下浦村同属于峨蔓村委会，两村之间原有一片1000多亩的潟湖。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories][-1] == ("拆塘还湖，生态修复，海南儋州——", "潟湖重生记")


# --- Packages: several signed stories under one title, filed by the paper as one article -------

_TRAVELLERS = (
    "回家过年  团团圆圆（点赞新时代·流动中国·活力中国）",
    "",
    "春节临近，返乡的人们带着期盼踏上归途。本报记者在路上记录下他们的故事。",
    "",
    "坐着高铁到九龙",
    "",
    "——香港居民沈秀英的春运体验",
    "",
    "本报记者  李  刚",
    "",
    "今年春节，沈秀英第一次坐高铁回家。她说，广深港高铁开通后，回家的路短了很多。",
    "",
    "搭上公交进山里",
    "",
    "本报记者  蒋云龙",
    "",
    "冯小波在外打工多年，今年回到丰都老家，发现村里通了公交车。",
    "",
    "三沙，年后再见！",
    "",
    "本报记者  黄晓慧",
    "",
    "康红伟在三沙工作已经两年，今年春节他选择留守岗位。",
)


def test_title_with_a_short_introduction_over_signed_stories_is_one_article():
    reading = _page(*_TRAVELLERS)
    assert [s.headline for s in reading.stories] == ["回家过年  团团圆圆（点赞新时代·流动中国·活力中国）"]
    story = reading.stories[0]
    assert story.byline is None  # three reporters, each over their own story
    assert _headings_and_credits(story) == [
        ("subhead", "坐着高铁到九龙"),
        ("subhead", "——香港居民沈秀英的春运体验"),
        ("byline", "本报记者  李  刚"),
        ("subhead", "搭上公交进山里"),
        ("byline", "本报记者  蒋云龙"),
        ("subhead", "三沙，年后再见！"),
        ("byline", "本报记者  黄晓慧"),
    ]
    assert story.body[0].text.startswith("春节临近") and story.body[-1].text.startswith("康红伟")


def test_series_title_standing_alone_over_signed_stories_heads_them_as_one_article():
    reading = _page(
        "新春走基层",
        "",
        "",
        "守护古树　喜迎新春",
        "",
        "本报记者　徐　靖",
        "",
        "胡晓春今年春节又守在迎客松旁，这是他守松的第十三个春节。",
        "",
        "呵护生命　收获喜悦",
        "",
        "本报记者　胡婧怡",
        "",
        "大年三十，产房里又传来新生儿的啼哭声，医护人员忙碌而喜悦。",
    )
    assert [(s.kicker, s.headline, s.byline) for s in reading.stories] == [(None, "新春走基层", None)]
    assert _headings_and_credits(reading.stories[0]) == [
        ("subhead", "守护古树　喜迎新春"),
        ("byline", "本报记者　徐　靖"),
        ("subhead", "呵护生命　收获喜悦"),
        ("byline", "本报记者　胡婧怡"),
    ]


def test_signed_stories_under_an_article_with_text_of_its_own_stay_articles():
    # The story above has a text of its own, not a title's few lines: the signed stories under it
    # are the page's next articles.
    reading = _page(
        "全国市场供应充足供需两旺",
        "",
        "本报北京2月2日电　春节前夕，各地采取多种措施保障群众度过一个欢乐祥和的节日。商务部监测显示，"
        "全国市场供应充足，粮油、肉类、蔬菜等生活必需品货足价稳，年货销售红火，节日消费持续升温。",
        "",
        "各地商务部门组织开展“年货节”“年货大集”等活动，丰富节日市场供应，方便群众采购。北京、上海、"
        "广州等城市加大蔬菜、肉蛋奶等商品的调运力度，超市、农贸市场延长营业时间，确保节日期间不断档、不脱销。"
        "商务部将继续加强市场运行监测，及时协调解决苗头性问题，保障节日市场平稳运行。",
        "",
        *_TRAVELLERS[4:],
    )
    assert [(s.headline, s.byline) for s in reading.stories] == [
        ("全国市场供应充足供需两旺", None),
        ("坐着高铁到九龙", "本报记者  李  刚"),
        ("搭上公交进山里", "本报记者  蒋云龙"),
        ("三沙，年后再见！", "本报记者  黄晓慧"),
    ]


def test_one_signed_story_under_a_title_is_the_title_s_own_story():
    # A title with one signed story under it is no package: the title stays an article of its own
    # only when two or more stories hang under it.
    reading = _page(*_TRAVELLERS[:11])
    assert [s.headline for s in reading.stories] == ["回家过年  团团圆圆（点赞新时代·流动中国·活力中国）", "坐着高铁到九龙"]


def test_box_of_briefs_ends_at_the_first_story_that_is_no_brief():
    report = (
        "法国政府近年来采取提高烟草价格、推行统一包装、扩大禁烟场所等一系列措施控烟。卫生部门日前公布的数据显示，"
        "法国成年人吸烟率两年间下降了约四个百分点，吸烟人数减少约一百六十万，其中年轻人吸烟率下降尤为明显。",
        "法国卫生部长表示，这一成绩来之不易，得益于多项政策的综合作用。自二〇一七年起，法国逐步提高香烟价格，"
        "计划到二〇二〇年将每包香烟价格提高到十欧元左右，同时为戒烟者提供医疗保险报销的戒烟药物和专业咨询服务。",
        "专家指出，控烟工作仍需多管齐下。法国每年仍有约七万五千人死于与吸烟相关的疾病，烟草依然是可预防死亡的首要原因。"
        "卫生部门表示，将继续加大宣传力度，在学校和社区开展控烟教育，帮助更多人远离烟草，减少吸烟带来的危害。",
        "在巴黎街头，不少烟草店店主感受到了变化。一位经营烟草店二十多年的店主说，这两年来买烟的顾客明显少了，"
        "一些老顾客告诉他已经戒烟，还有人改用电子烟。为了维持经营，他开始在店里出售报刊、彩票和零食。",
        "一些医生认为，提高价格对年轻人和低收入群体的作用最为明显，但控烟不能只靠涨价。法国议会正在讨论进一步限制"
        "烟草广告和促销活动的法案，并考虑在更多公共场所禁止吸烟，包括公园、海滩和学校周边区域，以减少二手烟的危害。",
    )
    reading = _page(
        "微阅读",
        "",
        "英国去年新车销量创六年新低",
        "",
        "英国汽车制造商和贸易商协会日前公布的数据显示，英国去年新车销量同比下降约百分之二点四。",
        "",
        "（据新华社伦敦电）",
        "",
        "新技术让钢筋混凝土更“长寿”",
        "",
        "日本研究人员开发出一种新技术，可以检测钢筋混凝土内部的腐蚀情况，延长建筑寿命。",
        "",
        "（据新华社东京电）",
        "",
        "法国控烟措施初见成效",
        "",
        report[0],
        "",
        report[1],
        "",
        report[2],
        "",
        report[3],
        "",
        report[4],
        "",
        "（本报巴黎电）",
    )
    assert [s.headline for s in reading.stories] == ["微阅读", "法国控烟措施初见成效"]
    assert [b.text for b in reading.stories[0].body if b.role == "subhead"] == ["英国去年新车销量创六年新低", "新技术让钢筋混凝土更“长寿”"]


def test_statements_under_their_speakers_names_belong_to_the_package_above():
    intro = (
        "新中国成立70年来，中国发展取得举世瞩目的成就。本报记者采访多位国际人士，请他们讲述亲历的中国故事。"
        "他们从不同角度见证了中国的发展变化，也见证了中国与世界的紧密联系。"
    )
    reading = _page(
        "讲述亲历故事  见证辉煌历程（风从东方来——国际人士谈新中国70年）",
        "",
        intro * 4,
        "",
        "为全球化进程注入新动力",
        "",
        "（印度）狄伯杰",
        "",
        "我第一次到中国是在上世纪八十年代，那时的北京街头还到处是自行车。如今中国已成为世界第二大经济体。",
        "",
        "（作者为印度尼赫鲁大学教授）",
        "",
        "期待加强第三方市场合作",
        "",
        "（日本）进藤荣一",
        "",
        "中国提出的共建一带一路倡议为各国合作提供了新平台，日本企业应积极参与第三方市场合作。",
        "",
        "（作者为日本筑波大学名誉教授）",
    )
    assert [s.headline for s in reading.stories] == ["讲述亲历故事  见证辉煌历程（风从东方来——国际人士谈新中国70年）"]
    assert [b.text for b in reading.stories[0].body if b.role == "subhead"] == [
        "为全球化进程注入新动力",
        "（印度）狄伯杰",
        "期待加强第三方市场合作",
        "（日本）进藤荣一",
    ]


def test_a_title_naming_its_column_may_introduce_its_signed_reports_at_length():
    intro = "疫情发生以来，广大医务人员、社区工作者、志愿者坚守一线，同时间赛跑，与病魔较量，筑起守护生命的防线。"
    reading = _page(
        "同时间赛跑 与病魔较量（人民眼·疫情防控）",
        "",
        intro,
        "",
        intro.replace("疫情发生以来", "连日来") * 10,
        "",
        *_TRAVELLERS[4:],
    )
    assert [s.headline for s in reading.stories] == ["同时间赛跑 与病魔较量（人民眼·疫情防控）"]
    # Without the column's name, a text of that length is an article of its own.
    reading = _page("同时间赛跑 与病魔较量", "", intro, "", intro.replace("疫情发生以来", "连日来") * 10, "", *_TRAVELLERS[4:])
    assert len(reading.stories) == 4


def test_a_kicker_set_with_the_first_signed_story_does_not_make_the_page_a_package():
    # A local page: a story with its kicker (防疫一线) and reporter, then a signed story without one.
    # Papers print pages of such stories as often as packages, so each stays an article.
    reading = _page(
        "防疫一线",
        "援朔医疗队助力我市打赢疫情防控歼灭战",
        "",
        "本报记者\u3000张晋",
        "",
        "连日来，援朔医疗队队员坚守在核酸检测一线，与我市医护人员并肩作战，为打赢疫情防控歼灭战贡献力量。",
        "",
        "我市启动冬季供暖",
        "",
        "本报记者\u3000李安然",
        "",
        "11月1日起，我市城区集中供热管网全面升温，热力公司工作人员加强巡检，确保居民温暖过冬。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        ("防疫一线", "援朔医疗队助力我市打赢疫情防控歼灭战"),
        (None, "我市启动冬季供暖"),
    ]


def test_signed_comments_of_a_forum_each_closed_by_a_note_on_the_writer_are_one_article():
    reading = _page(
        "共享优质教育，我们在路上（大家谈）",
        "",
        "编者按：如何让更多孩子享有公平而有质量的教育？本期邀请三位专家谈谈看法。",
        "",
        "高质量发展教育信息化",
        "",
        "瞿振元",
        "",
        "教育信息化是推动优质教育资源共享的重要途径，要让偏远地区的孩子也能上好课。",
        "",
        "（作者为中国高等教育学会会长）",
        "",
        "提升教育水平仍需反求诸己",
        "",
        "陈志文",
        "",
        "技术只是手段，提升教育水平关键还在教师，要在培养和激励教师上下功夫。",
        "",
        "（作者为中国教育在线总编辑）",
        "",
        "避免技术异化教育",
        "",
        "储朝晖",
        "",
        "使用技术要以学生发展为本，防止技术代替教育本身，让教育回归育人的初心。",
    )
    assert [s.headline for s in reading.stories] == ["共享优质教育，我们在路上（大家谈）"]
    assert _headings_and_credits(reading.stories[0]) == [
        ("subhead", "高质量发展教育信息化"),
        ("byline", "瞿振元"),
        ("byline", "（作者为中国高等教育学会会长）"),
        ("subhead", "提升教育水平仍需反求诸己"),
        ("byline", "陈志文"),
        ("byline", "（作者为中国教育在线总编辑）"),
        ("subhead", "避免技术异化教育"),
        ("byline", "储朝晖"),
    ]


def test_a_photo_item_is_no_package_title_and_a_box_under_it_keeps_its_name():
    reading = _page(
        "图片报道",
        "",
        "2月11日，江西南昌，市民在老街赏花灯。",
        "",
        "2月11日，浙江杭州，游客在西湖边观赏梅花。",
        "",
        *_READERS_COLUMN,
    )
    assert [s.headline for s in reading.stories] == ["图片报道", "来论"]


def test_readers_letters_signed_at_their_end_are_the_items_of_their_column():
    reading = _page(
        "身边事",
        "",
        "农村山寨食品多",
        "",
        "“营养抉线”“六个核桃乳”“康帅傅”“娃恰恰”……笔者发现，农村成假货山寨食品的主要销售集散地，在小超市、小卖部、"
        "集市等地方，山寨食品泛滥。由于山寨食品在质量上难以有保障，危害了村民健康，整治农村山寨食品已经刻不容缓。",
        "",
        "山寨食品之所以能堂而皇之进入农村市场，一是成本低、利润高；二是监管触角鲜有触及，存在监管不力问题；"
        "三是偏远乡村农民鉴别识假能力有限；四是有些人明知道是山寨食品，但图便宜仍然购买。",
        "",
        "江西新余市  廖海金",
        "",
        "学生寒假补课忙",
        "",
        "每到寒假，不少家长都希望利用假期为孩子选择文化教育培训学校进行补习。辅导市场格外热闹，不仅人气旺，"
        "而且价格高，与学生“减负”形成鲜明反差。",
        "",
        "家长让孩子们利用寒假“充电”的心情是可以理解的，但假日高价培训，不仅在经济上有所高额破费，"
        "而且还使孩子们的寒假生活过于劳累，精神上存有压力，难免事与愿违。",
        "",
        "山东济南市  马洪利",
    )
    assert [s.headline for s in reading.stories] == ["身边事"]
    assert _headings_and_credits(reading.stories[0]) == [
        ("subhead", "农村山寨食品多"),
        ("byline", "江西新余市  廖海金"),
        ("subhead", "学生寒假补课忙"),
        ("byline", "山东济南市  马洪利"),
    ]


def test_a_kicker_naming_a_series_instalment_or_the_story_s_genre_opens_a_story():
    reading = _page(
        "鹿心社当选广西壮族自治区人大常委会主任",
        "",
        "本报南宁1月31日电 （记者刘华新、刘佳华）广西壮族自治区第十三届人民代表大会第二次会议31日选举鹿心社为自治区人大常委会主任。",
        "",
        "解读中央纪委三次全会精神①",
        "抓住主线强化思想武装",
        "",
        "“坚持用新时代中国特色社会主义思想武装头脑，经常对表对标，及时校准偏差。”习近平总书记的重要讲话引起热烈反响。",
        "",
        "中宣部、中央文明办慰问帮扶全国道德模范活动综述",
        "关爱模范弘扬道德风尚",
        "",
        "当春天的脚步渐行渐近，一场场慰问帮扶全国道德模范活动如约而至，温暖着道德模范的心。",
    )
    assert [(s.kicker, s.headline) for s in reading.stories] == [
        (None, "鹿心社当选广西壮族自治区人大常委会主任"),
        ("解读中央纪委三次全会精神①", "抓住主线强化思想武装"),
        ("中宣部、中央文明办慰问帮扶全国道德模范活动综述", "关爱模范弘扬道德风尚"),
    ]


def test_a_campaign_rubric_heads_its_reports_when_an_indenting_page_reads_them_as_one_story():
    reading = _page(
        "新春走基层 人和家顺事事兴",
        "",
        "63名专家对39家危险化学品企业指导服务——",
        "",
        "“重在排查隐患，防范风险”",
        "",
        "本报记者  马  晨",
        "",
        P + "春节前夕，应急管理部组织63名专家，对39家危险化学品企业开展指导服务，查找安全隐患。",
        "",
        P + "琼州海峡春运期间安全快捷有序——",
        "",
        P + "“从进港到出港，不到两个半小时”",
        "",
        P + "本报记者  罗艾桦",
        "",
        P + "春运期间，琼州海峡客滚运输安全快捷有序，旅客从进港到出港用时不到两个半小时。",
    )
    assert [(s.kicker, s.headline, s.byline) for s in reading.stories] == [(None, "新春走基层 人和家顺事事兴", None)]
    assert _headings_and_credits(reading.stories[0])[:3] == [
        ("subhead", "63名专家对39家危险化学品企业指导服务——"),
        ("subhead", "“重在排查隐患，防范风险”"),
        ("byline", "本报记者  马  晨"),
    ]
