"""Captions without a marker or a credit: a short line's text in, whether it reads as a photo caption rather than a subhead out.

A subhead is a slogan (老屋变民宿, 碳汇有了“身价”); a caption says who does what
where (村民在助农服务站办理养老金取款业务, 工行客户经理（右）在果园里了解果农的资金需求)
or names a view (仙都景区一角). The forms are the table CAPTION_FORMS, each with an
example (tests/intake/test_captions.py).
"""

from __future__ import annotations

import re

PEOPLE = (r"员工|经理|行长|村民|市民|游客|师傅|农户|果农|茶农|菇农|渔民|工人|志愿者|老人|党员|干部|工作人员|同事|"
          r"客户|学生|居民|商户|代办员|专家|技术人员|记者|民警|医生|农民|青年|群众|孩子|小朋友|嘉宾|代表|"
          r"负责人|书记|主任|职工|队员|演员|选手|农创客|企业主|店主")
ACTIONS = (r"为|向|给|与|同|帮|用|使用|学习|办理|讲解|介绍|了解|采摘|制作|加工|查看|参观|调试|指导|交流|合影|"
           r"操作|忙碌|收割|晾晒|巡查|检查|演示|体验|宣传|签约|签订|走访|慰问|培训|展示|讨论|选购|挑选|"
           r"组装|装运|卸载|分拣|包装|研究|商议|共商|察看|测量|维修|浇灌|插秧|巡视|授课|答疑|咨询|排队|"
           r"购买|品尝|游览|观看|阅读|表演|清点|核对")
CAPTION_FORMS = (
    ("position", r"[（(](?:左|右|中|前|后)(?:[一二三四五六七八九]|起)?[）)]|[（(]前排|左起|右起",
     "工行客户经理（右）在果园里了解果农的资金需求"),
    ("picture", r"^(?:图为|图片为|上图|下图|左图|右图|组图|航拍|俯瞰)", "航拍下的千岛湖镇"),
    ("scene", rf"(?:{PEOPLE})[^，。；：“”]{{0,12}}?(?:在|正在|正)[^，。；：]{{0,16}}?(?:{ACTIONS})",
     "村民在助农服务站办理养老金取款业务"),
    ("someone", rf"^[^，。；：“”《》\s]{{2,10}}?(?:在|正在)[^，。；：“”\s]{{1,14}}?(?:{ACTIONS})"
                r"[^，。；：“”]{0,16}$", "小陆在网点大堂为老人讲解自助设备的使用方法"),
    ("doing", rf"(?:{PEOPLE})[^，。；：“”]{{0,6}}?(?:向|为|给|与|帮|同)[^，。；：]{{1,12}}?(?:{ACTIONS})",
     "工行湖州分行员工向游客介绍数字人民币钱包"),
    ("view", r"(?:一角|一景|全景|远景|近景|掠影|剪影|风光|风貌|鸟瞰|现场|外景|内景)$", "仙都景区一角"),
)
FORMS = tuple((name, re.compile(pattern), example) for name, pattern, example in CAPTION_FORMS)


def caption_form(text: str) -> str:
    """The name of the first caption form a line has, or ""."""
    return next((name for name, pattern, _ in FORMS if pattern.search(text)), "")


def caption_like(text: str) -> bool:
    return bool(caption_form(text))
